import type { Server } from 'node:http';

import type { AppDependencies } from '../../src/app.js';
import { engines, type TestEngine } from '../support/engines.js';
import { insertCustomers, manyCustomers, publishRandomNumbers } from '../support/fixtures.js';
import { type CapturedLogs, openTestApp } from '../support/test-app.js';

/** The real app over a seeded database (in-memory SQLite unless told otherwise), for the fuzzer to hit. */
export interface FuzzApp {
  /** Listening on an ephemeral port of 127.0.0.1: one server for the run, not one per request as `supertest(app)` would. */
  server: Server;
  logs: CapturedLogs;
  close: () => Promise<void>;
}

/**
 * Builds the app the way the API tests do: a fresh migrated database (in-memory SQLite, or
 * `engine`) with customers on several pages (the spec's example code ACME among them, so
 * example-steered requests find a row) and a quarter of published random numbers. A small
 * TIMESERIES_MAX_ROWS makes the "range too large" refusal reachable; logs keep errors only,
 * for failure reports.
 */
export async function openFuzzApp(
  options: Pick<Partial<AppDependencies>, 'overrideHandlers'> & { engine?: TestEngine } = {},
): Promise<FuzzApp> {
  const { engine = engines.find((e) => e.name === 'sqlite')!, ...dependencies } = options;
  // Served through createAppServer, as the production server (src/server.ts) is.
  const {
    app: server,
    logs,
    close,
  } = await openTestApp(engine, {
    ...dependencies,
    env: { LOG_LEVEL: 'error', TIMESERIES_MAX_ROWS: '60' },
    seed: async (storage) => {
      await insertCustomers(storage, [{ customer_code: 'ACME', name: 'Acme Capital', region: 'US' }, ...manyCustomers(120)]);
      await publishRandomNumbers(storage, '2026-01-01', '2026-03-31');
    },
  });
  const stop = () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return { server, logs, close: () => stop().finally(close) };
}

/** The error lines the server logged for one request id. */
export function serverLogFor(logs: CapturedLogs, requestId: string | undefined): string[] {
  if (!requestId) return [];
  return logs.lines
    .filter((line) => line.requestId === requestId || (line.req as { id?: string } | undefined)?.id === requestId)
    .map((line) => JSON.stringify(line));
}
