// Issue 17 item 16: on SIGTERM, /ready answers 503 at once; for SHUTDOWN_DRAIN_MS requests on
// open (idle, kept-alive) connections are still answered, with Connection: close; then the
// graceful shutdown runs and the process exits 0.
import { afterEach, describe, expect, it } from 'vitest';

import { launchServer, prepareServerDatabase, type RunningServer, type ServerDatabase } from '../e2e/support/server-process.js';
import { mintTestToken } from '../support/test-token.js';
import { openRawConnection, type RawConnection } from './support/raw-http.js';

/** Long enough for the test's requests on a loaded machine; the drain's end is not what is tested. */
const DRAIN_MS = 4_000;

describe('issue 17 item 16: the drain window on SIGTERM', () => {
  let database: ServerDatabase | undefined;
  let server: RunningServer | undefined;
  const connections: RawConnection[] = [];
  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.destroy();
    await server?.stop();
    await database?.dispose();
    server = database = undefined;
  });

  it('issue 17 item 16: idle keep-alive clients sending after SIGTERM get answers with Connection: close, not resets; /ready answers 503 from the signal on; the process exits 0', async () => {
    database = await prepareServerDatabase({
      seed: false,
      env: { SHUTDOWN_DRAIN_MS: String(DRAIN_MS), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' },
    });
    server = await launchServer(database.env);
    const port = Number(new URL(server.baseUrl).port);
    const authorization = `Bearer ${await mintTestToken()}`;
    for (let i = 0; i < 5; i++) {
      const connection = await openRawConnection(port);
      connections.push(connection);
      const first = await connection.get('/ready');
      expect(first.status).toBe(200);
      expect(first.headers.connection).toBe('keep-alive');
    }

    server.signal('SIGTERM');
    // The signal is delivered asynchronously: wait for the log line that says the drain began.
    for (let i = 0; i < 250 && !server.output().includes('"msg":"draining'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.output()).toContain('"msg":"draining');

    const probe = await openRawConnection(port);
    connections.push(probe);
    const ready = await probe.get('/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ type: 'urn:problem-type:shutting-down', status: 503 });
    expect(ready.headers['retry-after']).toMatch(/^\d+$/);

    // Each idle kept-alive connection: the request sent now is answered, and the connection closes after it.
    for (const connection of connections.slice(0, 5)) {
      const answer = await connection.get('/me', { Authorization: authorization });
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe('close');
      await connection.ended;
    }

    const { code } = await server.exited;
    expect(code, server.output()).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });
});
