// SIGTERM under load: the server stops accepting, every request it accepted gets a complete
// response, requests held up by the database finish within the grace period, and the process
// exits 0. "Accepted" is what the server logged as a request; the client's view of every
// request is compared with that log.
import { randomUUID } from 'node:crypto';

import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';

import { launchServer, prepareServerDatabase, type RunningServer, type ServerDatabase } from '../e2e/support/server-process.js';
import { engines, postgresUrl } from '../support/engines.js';
import { mintTestToken } from '../support/test-token.js';

const engineNames = engines.map((e) => e.name);

interface ClientOutcome {
  id: string;
  status?: number;
  /** Set when the response arrived whole and parsed as JSON. */
  complete?: boolean;
  error?: string;
}

/** The ids and statuses of the requests the server logged (pino lines of the request logger). */
function loggedRequests(output: string): Map<string, { status: number; message: string }> {
  const logged = new Map<string, { status: number; message: string }>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; req?: { id?: string }; res?: { statusCode?: number } };
    if (entry.req?.id?.startsWith(ID_PREFIX) && entry.msg?.startsWith('request ')) {
      logged.set(entry.req.id, { status: entry.res?.statusCode ?? 0, message: entry.msg });
    }
  }
  return logged;
}

/** Marks this suite's requests, so the harness's own (/health polls) are told apart in the log. */
const ID_PREFIX = 'load-';

async function send(baseUrl: string, path: string, init: RequestInit & { headers: Record<string, string> }): Promise<ClientOutcome> {
  const id = `${ID_PREFIX}${randomUUID()}`;
  try {
    const res = await fetch(`${baseUrl}${path}`, { ...init, headers: { ...init.headers, 'X-Request-Id': id } });
    const text = await res.text();
    JSON.parse(text);
    return { id, status: res.status, complete: true };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { id, error: cause?.code ?? cause?.message ?? String(error) };
  }
}

function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(check, 20);
    };
    check();
  });
}

/** A server process per test on a fresh database of `engine`, stopped and removed after it. */
function serverPerTest(engine: 'sqlite' | 'postgres') {
  let database: ServerDatabase | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.dispose();
    server = undefined;
    database = undefined;
  });
  return {
    database: () => database!,
    async start(env: Record<string, string> = {}): Promise<RunningServer> {
      database = await prepareServerDatabase({ engine, env: { LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0', ...env } });
      server = await launchServer(database.env);
      return server;
    },
  };
}

describe.each(engineNames)('graceful shutdown on %s', (engine) => {
  const { start, database } = serverPerTest(engine);

  it('when SIGTERM arrives under sustained load, every request the server accepted gets a complete response and it exits 0', async () => {
    const { baseUrl, signal, exited, output } = await start();
    const headers = { Authorization: `Bearer ${await mintTestToken()}` };
    const outcomes: ClientOutcome[] = [];
    let signalled = false;
    let completedAfterSignal = 0;
    const worker = async (n: number) => {
      for (let i = 0; ; i++) {
        const outcome =
          i % 4 === 3
            ? await send(baseUrl, '/customers', {
                method: 'POST',
                headers: { ...headers, 'Content-Type': 'application/json' },
                body: JSON.stringify({ customer_code: `W${n}_${i}`, name: `Worker ${n} ${i}`, region: 'EU' }),
              })
            : await send(baseUrl, '/customers?region=US&limit=50', { headers });
        outcomes.push(outcome);
        if (signalled && outcome.complete) completedAfterSignal++;
        // Once the server refuses, it stays down: this worker is done.
        if (outcome.error) return;
      }
    };
    const workers = Array.from({ length: 12 }, (_, n) => worker(n));
    await waitFor(() => outcomes.length >= 300, 'the load to build up');
    signal('SIGTERM');
    signalled = true;
    await Promise.all(workers);
    const { code } = await exited;

    expect(code, output()).toBe(0);
    expect(output()).toMatch(/"msg":"stopped"/);
    const logged = loggedRequests(output());
    const byId = new Map(outcomes.map((o) => [o.id, o]));
    const incomplete = [...logged].filter(([id, entry]) => !byId.get(id)?.complete || byId.get(id)?.status !== entry.status);
    expect(incomplete, 'requests the server handled that the client did not receive whole').toEqual([]);
    const failedButHandled = outcomes.filter((o) => o.error && logged.has(o.id));
    expect(failedButHandled, 'requests that failed on the client after the server accepted them').toEqual([]);
    expect([...logged.values()].filter((e) => e.message !== 'request completed')).toEqual([]);
    expect(outcomes.filter((o) => o.complete).length).toBeGreaterThanOrEqual(300);
    expect(outcomes.filter((o) => o.complete && (o.status ?? 500) >= 500)).toEqual([]);
    // Sanity of the scenario itself: requests were in flight when the signal came.
    expect(completedAfterSignal).toBeGreaterThan(0);
  });

  it('when a request is held up by the database at SIGTERM, it still completes and the server exits 0 afterwards', async () => {
    const { baseUrl, signal, exited, output } = await start();
    const headers = { Authorization: `Bearer ${await mintTestToken()}`, 'Content-Type': 'application/json' };
    const release = await holdWriteLock(database().env);
    const pending = send(baseUrl, '/customers', {
      method: 'POST',
      headers,
      body: JSON.stringify({ customer_code: 'HELD_UP', name: 'Held up', region: 'US' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    signal('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await release();
    const outcome = await pending;
    const { code } = await exited;

    expect(outcome, output()).toMatchObject({ status: 201, complete: true });
    expect(code, output()).toBe(0);
    expect(output().indexOf('shutting down')).toBeLessThan(output().indexOf('"msg":"stopped"'));
  });
});

describe.skipIf(!engineNames.includes('postgres'))('shutdown grace period on postgres', () => {
  // PostgreSQL only: a request waiting on a PostgreSQL lock leaves the event loop free for the
  // grace timer, whereas SQLite waits for its lock synchronously, so nothing can be cut off there.
  const { start, database } = serverPerTest('postgres');
  it('when a request outlives SHUTDOWN_GRACE_MS, it is cut off at the deadline and the exit code says so', async () => {
    const { baseUrl, signal, exited, output } = await start({ SHUTDOWN_GRACE_MS: '300', DATABASE_STATEMENT_TIMEOUT_MS: '20000' });
    const release = await holdWriteLock(database().env);
    try {
      const pending = send(baseUrl, '/customers', {
        method: 'POST',
        headers: { Authorization: `Bearer ${await mintTestToken()}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ customer_code: 'TOO_SLOW', name: 'Too slow', region: 'US' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signalledAt = Date.now();
      signal('SIGTERM');
      const { code } = await exited;
      const outcome = await pending;
      expect(code, output()).toBe(1);
      expect(outcome.complete).toBeUndefined();
      expect(output()).toMatch(/cut off 1 request/);
      // Cut at the grace deadline, not when the lock (held for seconds) is released.
      expect(Date.now() - signalledAt).toBeLessThan(5_000);
    } finally {
      await release();
    }
  });
});

/**
 * Holds the customers table's write lock from outside the server (another process's
 * transaction), so a create waits; the returned function releases it.
 */
async function holdWriteLock(env: Record<string, string>): Promise<() => Promise<void>> {
  if (env.DATABASE_SCHEMA) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query('begin');
    await client.query(`lock table ${env.DATABASE_SCHEMA}.customers in exclusive mode`);
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  }
  const connection = new SQLite(env.DATABASE_URL!);
  connection.exec('BEGIN IMMEDIATE');
  return async () => {
    if (connection.inTransaction) connection.exec('ROLLBACK');
    connection.close();
  };
}
