// Issue 17 item 17: a rolling restart behind a real load balancer. Two server processes (the
// production bundle) share one PostgreSQL schema and one Redis behind HAProxy, which
// health-checks /ready. Under mixed reads and creates each process in turn gets SIGTERM, its
// replacement starts on the same port, and HAProxy takes it back once healthy. No client
// request may fail, every acknowledged create must be readable, and the two processes must
// count one rate-limit budget. Prints the one-line summary (and the figures for the note).
import { randomUUID } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { freePort } from '../e2e/support/free-port.js';
import { launchServer, prepareServerDatabase, type RunningServer, type ServerDatabase } from '../e2e/support/server-process.js';
import { customersHttp } from '../reliability/support/customers-http.js';
import { engines } from '../support/engines.js';
import { mintTestToken } from '../support/test-token.js';
import { haproxySuiteEnabled, haproxyVersion, type RunningHaproxy, startHaproxy } from './support/haproxy.js';
import { type LoadOutcome, startMixedLoad } from './support/mixed-load.js';
import { redisUnavailable, testRedisUrl } from './support/redis-available.js';

const SUITE = 'ROLLING RESTART BEHIND HAPROXY';
const haproxyInstalled = haproxySuiteEnabled(SUITE);
const postgres = engines.some((engine) => engine.name === 'postgres');
if (!postgres) console.warn(`\n!!! SKIPPING ${SUITE}: it needs PostgreSQL (the processes share its schema) !!!\n`);
const redisDown = await redisUnavailable(SUITE);

/** Per caller per minute: low enough to exhaust in the test, high enough that the load's 128 callers never meet it. */
const LIMIT = 120;
const LOAD_CALLERS = 128;
const WORKERS = 6;
/** HAProxy checks every 100 ms and takes a server out after 2 failed checks: well inside the drain window. */
const CHECK_INTERVAL_MS = 100;
const DRAIN_MS = 1_500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilMore(outcomes: readonly LoadOutcome[], count: number): Promise<void> {
  const target = outcomes.length + count;
  while (outcomes.length < target) await sleep(20);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

describe.skipIf(!haproxyInstalled || !postgres || redisDown !== undefined)('issue 17 item 17: a rolling restart behind HAProxy', () => {
  let database: ServerDatabase | undefined;
  const servers: Record<string, RunningServer> = {};
  let haproxy: RunningHaproxy | undefined;
  afterEach(async () => {
    await haproxy?.stop();
    for (const server of Object.values(servers)) await server.stop();
    await database?.dispose();
  });

  it(
    'issue 17 item 17: under mixed reads and creates, SIGTERM and replace each of two processes in turn: 0 failed requests, every acknowledged create readable, one shared rate-limit budget',
    { timeout: 60_000 },
    async () => {
      const began = performance.now();
      database = await prepareServerDatabase({
        engine: 'postgres',
        seed: false,
        env: {
          RATE_LIMIT_PER_MINUTE: String(LIMIT),
          RATE_LIMIT_REDIS_URL: testRedisUrl,
          SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
          TRUST_PROXY: '1',
          LOG_LEVEL: 'warn',
        },
      });
      const ports: Record<string, number> = { a: await freePort(), b: await freePort() };
      // One after the other: the first migrates the fresh schema before the second starts.
      for (const name of ['a', 'b']) {
        servers[name] = await launchServer(database.env, { port: ports[name] });
        expect((await fetch(`${servers[name]!.baseUrl}/ready`)).status).toBe(200);
      }
      haproxy = await startHaproxy({ port: await freePort(), servers: ports, checkIntervalMs: CHECK_INTERVAL_MS });
      await haproxy.waitFor('a', 'UP');
      await haproxy.waitFor('b', 'UP');

      const tokens = await Promise.all(Array.from({ length: LOAD_CALLERS }, () => mintTestToken({ sub: randomUUID() })));
      const load = startMixedLoad(haproxy.baseUrl, tokens, WORKERS);
      const restarts: { name: string; outMs: number; backMs: number }[] = [];
      try {
        await untilMore(load.outcomes, 300);
        for (const name of ['a', 'b']) {
          const signalled = performance.now();
          const old = servers[name]!;
          old.signal('SIGTERM');
          await haproxy.waitFor(name, 'DOWN');
          const out = performance.now();
          const { code } = await old.exited;
          expect(code, old.output()).toBe(0);
          servers[name] = await launchServer(database.env, { port: ports[name] });
          await haproxy.waitFor(name, 'UP');
          restarts.push({ name, outMs: out - signalled, backMs: performance.now() - signalled });
          await untilMore(load.outcomes, 200);
        }
      } finally {
        await load.stop();
      }

      const outcomes = load.outcomes;
      const failed = outcomes.filter((outcome) => !outcome.ok);
      expect(failed, JSON.stringify(failed.slice(0, 10))).toEqual([]);
      const servedBy = new Set(outcomes.map((outcome) => outcome.servedBy));
      expect([...servedBy].sort()).toEqual(['a', 'b']);

      // Every create that answered 201 is there, as sent.
      const reader = customersHttp(haproxy.baseUrl, tokens[0]!);
      const stored = new Map((await reader.listAll()).map((customer) => [customer.customer_code, customer]));
      const missing = load.acknowledged.filter((sent) => {
        const found = stored.get(sent.customer_code);
        return !found || found.name !== sent.name || found.region !== sent.region;
      });
      expect(missing, 'acknowledged creates that cannot be read back').toEqual([]);
      expect(load.acknowledged.length).toBeGreaterThan(0);

      // One budget across both processes: a fresh caller's LIMIT requests alternate between the
      // backends, and after them both backends refuse it.
      const authorization = `Bearer ${await mintTestToken({ sub: randomUUID() })}`;
      const within: { status: number; servedBy: string | null }[] = [];
      for (let i = 0; i < LIMIT + 4; i++) {
        const res = await fetch(`${haproxy.baseUrl}/me`, { headers: { authorization } });
        await res.arrayBuffer();
        within.push({ status: res.status, servedBy: res.headers.get('x-served-by') });
      }
      const allowed = within.slice(0, LIMIT);
      const over = within.slice(LIMIT);
      expect(
        allowed.every((r) => r.status === 200),
        JSON.stringify(allowed.filter((r) => r.status !== 200)),
      ).toBe(true);
      expect(new Set(allowed.map((r) => r.servedBy))).toEqual(new Set(['a', 'b']));
      expect(over.map((r) => r.status)).toEqual([429, 429, 429, 429]);
      expect(new Set(over.map((r) => r.servedBy))).toEqual(new Set(['a', 'b']));

      const latencies = outcomes.map((outcome) => outcome.ended - outcome.started);
      const creates = load.acknowledged.length;
      console.log(
        `rolling restart: ${outcomes.length} requests, ${failed.length} failed, ${creates} creates all readable, ${restarts.length} restarts, shared budget ok (haproxy ${haproxyVersion()})`,
      );
      console.log(
        `rolling restart figures: ${((performance.now() - began) / 1000).toFixed(1)} s in all; latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(0)} ms; ` +
          restarts
            .map(
              (r) =>
                `${r.name}: out of rotation ${r.outMs.toFixed(0)} ms after SIGTERM, replacement in rotation after ${r.backMs.toFixed(0)} ms`,
            )
            .join('; '),
      );
    },
  );
});
