import { loadCompiledContract } from '../contract/compiled-contract.js';
import { createAppServer } from '../http/app-server.js';
import { createLogger } from '../logger.js';
import { createMockApp } from '../mock/mock-app.js';
import { runCli } from '../startup/run-cli.js';

/**
 * `make mock`: serves every operation of openapi.yaml from its examples on HOST:MOCK_PORT
 * (default 127.0.0.1:8001), through the real server's request pipeline (compiled by `npm run build`), for building clients and widgets
 * before the backend exists. MOCK_SEED (an integer, default 1) seeds `Prefer: dynamic=true`;
 * MOCK_STATEFUL=1 keeps created customers in memory.
 */
runCli(async () => {
  const host = process.env.HOST?.trim() || '127.0.0.1';
  const raw = process.env.MOCK_PORT?.trim() || '8001';
  const port = /^\d{1,5}$/.test(raw) && Number(raw) <= 65535 ? Number(raw) : Number.NaN;
  if (Number.isNaN(port)) throw new Error(`MOCK_PORT: must be an integer from 0 to 65535, got ${JSON.stringify(raw)}`);
  const rawSeed = process.env.MOCK_SEED?.trim() || '1';
  if (!/^-?\d{1,9}$/.test(rawSeed)) throw new Error(`MOCK_SEED: must be an integer, got ${JSON.stringify(rawSeed)}`);
  const rawStateful = process.env.MOCK_STATEFUL?.trim() || '0';
  if (rawStateful !== '0' && rawStateful !== '1') throw new Error(`MOCK_STATEFUL: must be 0 or 1, got ${JSON.stringify(rawStateful)}`);
  const logger = createLogger(process.env.LOG_LEVEL?.trim() || 'info');
  const contract = await loadCompiledContract();
  const app = createMockApp({ contract, logger, seed: Number(rawSeed), stateful: rawStateful === '1' });
  const server = createAppServer(app).listen(port, host, () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    logger.info({ host, port: actual }, `mock of ${contract.document.info.version} serving examples on http://${host}:${actual}`);
  });
  server.on('error', (error) => {
    console.error(`cannot listen on ${host}:${port}: ${error.message}`);
    process.exit(1);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
});
