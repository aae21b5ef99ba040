import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { insertCustomers, manyCustomers, publishRandomNumbers } from '../support/fixtures.js';
import { mintTestToken, openTestApp } from '../support/test-app.js';

const run = promisify(execFile);

async function checkFrame(url: string, token?: string): Promise<{ code: number; stdout: string }> {
  const env = { ...process.env, ...(token ? { FRAME_CHECK_TOKEN: token } : {}) };
  return run('npx', ['tsx', 'src/cli/check-frame.ts', url], { env, timeout: 30_000 }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

describe('npm run check:frame', () => {
  const servers: Server[] = [];
  let base: string;
  let brokenBase: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestApp(engines[0]!, {
      seed: async (fresh) => {
        await insertCustomers(fresh, manyCustomers(8));
        await publishRandomNumbers(fresh, '2026-03-01', '2026-03-31');
      },
    });
    const { app: real } = opened;
    close = opened.close;
    // A widget endpoint gone wrong: a row key outside columns, a field for no column, ISO times.
    const broken = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          status: 'ready',
          columns: ['time_index', 'value'],
          rows: [{ time_index: '2026-03-01T00:00:00Z', value: 1, secret: 'x' }],
          fields: [{ key: 'price', type: 'number' }],
          meta: { timeSeries: { shape: 'long', timeField: 'time_index', sorted: true } },
        }),
      );
    });
    servers.push(broken);
    base = `http://127.0.0.1:${(real.address() as AddressInfo).port}`;
    brokenBase = await listen(broken);
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await close();
  });

  it.each(['/widgets/customers?region=US', '/widgets/random-numbers?start_date=2026-03-01&end_date=2026-03-31'])(
    'passes on %s of a running server',
    async (path) => {
      const result = await checkFrame(`${base}${path}`, await mintTestToken());
      expect(result.stdout).toContain('valid core.tabular_frame@v1');
      expect(result.code).toBe(0);
    },
  );

  it('fails on a broken frame with a readable list of violations', async () => {
    const result = await checkFrame(`${brokenBase}/widget`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL');
    expect(result.stdout).toContain('/rows/0: keys not in columns: secret');
    expect(result.stdout).toContain('/fields/0/key: field price is not in columns');
    expect(result.stdout).toContain('/rows/0/time_index: time must be integer epoch milliseconds');
  });

  it('reports an endpoint it cannot read with exit code 2', async () => {
    const result = await checkFrame(`${base}/widgets/customers`);
    expect(result.code).toBe(2);
  });
});
