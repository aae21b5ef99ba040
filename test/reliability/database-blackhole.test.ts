// A PostgreSQL link that goes silent (blackholed: packets dropped, nothing reset) and comes back.
// Only PostgreSQL has a link to lose; SQLite is a file in the process (see database-faults).
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import request from 'supertest';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { openMigratedStorage } from '../../src/data/migrations.js';
import { dropSchema, engines, freshSchemaName, postgresUrl } from '../support/engines.js';
import type { LocalServer } from '../support/local-server.js';
import { type CuttableProxy, startCuttableProxy } from '../support/tcp-proxy.js';
import { buildTestApp, mintTestToken } from '../support/test-app.js';
import { canInspectSockets, keepAliveTimerRunning } from './support/keepalive-sockets.js';
import { firstAnswerAfter, steadyLoad } from './support/steady-load.js';

/** Small timeouts keep the test short; the bound the issue sets follows from them. */
const STATEMENT_TIMEOUT_MS = 1_000;
const RECOVERY_BOUND_MS = STATEMENT_TIMEOUT_MS + 2_000;
/** Long enough for queries sent into the silence to time out on the client (statement timeout + 1 s). */
const BLACKHOLE_MS = 2_500;

describe.skipIf(!engines.some((e) => e.name === 'postgres'))('issue 17 item 3: PostgreSQL link that goes silent and comes back', () => {
  const target = new URL(postgresUrl);
  const schemas: string[] = [];
  const opened: StorageEngine[] = [];
  const proxies: CuttableProxy[] = [];
  const servers: LocalServer[] = [];

  afterEach(async () => {
    for (const proxy of proxies) proxy.restore();
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(opened.splice(0).map((storage) => storage.destroy()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  });
  afterAll(async () => {
    await Promise.all(schemas.map(dropSchema));
  });

  /** The real app over a fresh schema, reaching PostgreSQL through a proxy of its own. */
  async function appBehindProxy() {
    const proxy = await startCuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    proxies.push(proxy);
    const url = new URL(postgresUrl);
    url.host = `127.0.0.1:${proxy.port}`;
    const schema = freshSchemaName();
    schemas.push(schema);
    const storage = openMigratedStorage(url.toString(), { schema, statementTimeoutMs: STATEMENT_TIMEOUT_MS, connectTimeoutMs: 500 });
    opened.push(storage);
    return { proxy, ...(await buildTestApp(storage)) };
  }

  it('when a query times out on the silent link, its connection is closed, not returned to the pool', async () => {
    const { proxy, api } = await appBehindProxy();
    await api.get('/customers').expect(200);

    proxy.blackhole();
    await api.get('/customers').expect(503);
    const silenced = proxy.connections.filter((c) => c.droppedBytes > 0);
    expect(silenced.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(silenced.filter((c) => !c.closed)).toEqual([]), { timeout: 1_000 });
  });

  it.skipIf(!canInspectSockets)('keeps TCP keep-alive on for its database connections', async () => {
    const { proxy, api } = await appBehindProxy();
    await api.get('/customers').expect(200);
    await sleep(50);
    const open = proxy.connections.filter((c) => !c.closed);
    expect(open.length).toBeGreaterThan(0);
    expect(open.map((c) => keepAliveTimerRunning(c.clientPort, proxy.port))).toEqual(open.map(() => true));
  });

  it(`under steady load, requests and /ready succeed again within DATABASE_STATEMENT_TIMEOUT_MS + 2 s of the link's return`, async () => {
    const { proxy, app } = await appBehindProxy();
    // buildTestApp serves the app through createAppServer already, on a port of its own.
    const server: LocalServer = {
      baseUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
      close: () => new Promise<void>((resolve) => (app.close(() => resolve()), app.closeAllConnections())),
    };
    servers.push(server);
    const headers = { Authorization: `Bearer ${await mintTestToken()}` };
    await request(app).get('/ready').expect(200);

    const customers = steadyLoad(`${server.baseUrl}/customers`, { workers: 4, pauseMs: 20, headers, timeoutMs: 10_000 });
    const ready = steadyLoad(`${server.baseUrl}/ready`, { workers: 1, pauseMs: 100, timeoutMs: 10_000 });
    await sleep(500);
    const silencedAt = performance.now();
    proxy.blackhole();
    await sleep(BLACKHOLE_MS);
    const returnedAt = performance.now();
    proxy.restore();
    await sleep(RECOVERY_BOUND_MS + 500);
    const [loadSamples, readySamples] = await Promise.all([customers.stop(), ready.stop()]);

    const firstSuccessMs = firstAnswerAfter(loadSamples, returnedAt, 200);
    const readyMs = firstAnswerAfter(readySamples, returnedAt, 200);
    const failed = loadSamples.filter((s) => s.status !== 200);
    const failedAfterReturn = failed.filter((s) => s.ended > returnedAt);
    const settled = loadSamples.filter((s) => s.started >= returnedAt + RECOVERY_BOUND_MS);
    console.log(
      `blackhole ${BLACKHOLE_MS} ms (statement timeout ${STATEMENT_TIMEOUT_MS} ms, bound ${RECOVERY_BOUND_MS} ms): ` +
        `first success ${firstSuccessMs?.toFixed(0) ?? 'never'} ms and /ready 200 ${readyMs?.toFixed(0) ?? 'never'} ms after the link returned; ` +
        `${failed.length} of ${loadSamples.length} requests failed, ${failedAfterReturn.length} of them answered after the return`,
    );

    expect(loadSamples.filter((s) => s.ended < silencedAt).every((s) => s.status === 200)).toBe(true);
    expect(firstSuccessMs ?? Number.POSITIVE_INFINITY).toBeLessThan(RECOVERY_BOUND_MS);
    expect(readyMs ?? Number.POSITIVE_INFINITY).toBeLessThan(RECOVERY_BOUND_MS);
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.filter((s) => s.status !== 200)).toEqual([]);
  });
});
