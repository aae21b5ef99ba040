import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { loadContractDocument } from './contract/contract-document.js';
import { openStorage } from './data/engine/open-storage.js';
import { migrateToLatest } from './data/migrations.js';
import { createLogger } from './logger.js';

/** Entry point: config -> storage -> app -> listen, with a graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const storage = await openStorage(config.databaseUrl);
  await migrateToLatest(storage);
  // Loaded only when configured: the Redis client is a sizeable import most deployments skip.
  const redis = config.rateLimitRedisUrl
    ? await (await import('./identity/redis-rate-limit-store.js')).connectRedisRateLimitStore(config.rateLimitRedisUrl, logger)
    : undefined;
  const app = await createApp({ config, storage, contract: loadContractDocument(), logger, rateLimitStore: redis?.store });
  const server: Server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ host: config.host, port }, `serving on http://${config.host}:${port} (docs at /docs)`);
  });
  server.on('error', (error) => {
    console.error(`cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close(() => void Promise.allSettled([storage.destroy(), redis?.close()]).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // One line naming the problem; configuration errors name the variable.
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`startup failed: ${message}`);
  process.exit(1);
});
