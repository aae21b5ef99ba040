import { randomUUID } from 'node:crypto';

import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { connectRedisRateLimitStore } from '../../src/http/redis-rate-limit-store.js';
import { createMetricsServer } from '../../src/metrics/metrics-server.js';
import { createServiceMetrics, type ServiceMetrics } from '../../src/metrics/service-metrics.js';
import { engines } from '../support/engines.js';
import { listenLocally } from '../support/local-server.js';
import { startCuttableProxy } from '../support/tcp-proxy.js';
import { buildTestApp, mintTestToken, type TestAgent } from '../support/test-app.js';
import { moved, scrape } from './scrape.js';

type Open = (options: {
  onConnectionAcquired: (seconds: number) => void;
}) => Promise<{ storage: StorageEngine; close: () => Promise<void> }>;

/** The service's metrics over a fresh database (wired as server.ts wires them), served on a listener of their own. */
async function withMetrics(open: Open) {
  const metrics = createServiceMetrics();
  const opened = await open({ onConnectionAcquired: metrics.connectionAcquired });
  metrics.watchPool(() => opened.storage.poolStatus());
  const listener = await listenLocally(createMetricsServer(metrics.registry));
  const close = async () => {
    await listener.close();
    await opened.close();
  };
  return { metrics, url: `${listener.baseUrl}/metrics`, storage: opened.storage, close };
}

const list = { operation_id: 'listCustomers', status_class: '2xx' };

describe.each(engines)('GET /metrics on $name', (engine) => {
  let metrics: ServiceMetrics;
  let metricsUrl: string;
  let storage: StorageEngine;
  let close: () => Promise<void>;
  let api: TestAgent;

  beforeAll(async () => {
    ({ metrics, url: metricsUrl, storage, close } = await withMetrics((options) => engine.open(options)));
    ({ api } = await buildTestApp(storage, { metrics }));
    await api.post('/customers').send({ customer_code: 'METRICS1', name: 'Metrics', region: 'US' }).expect(201);
  });
  afterAll(() => close());

  it('when requests were answered, counts them by operationId and status class, times them, and counts the connections they waited for', async () => {
    const before = await scrape(metricsUrl);
    for (let i = 0; i < 3; i++) await api.get('/customers?region=US').expect(200);
    await api.get('/customers/NOSUCH').expect(404);
    await api.get('/customers?limit=abc').expect(400);
    await api.get('/no/such/path').expect(404);
    const after = await scrape(metricsUrl);

    expect(moved(before, after, 'http_requests_total', list)).toBe(3);
    expect(moved(before, after, 'http_request_duration_seconds_count', list)).toBe(3);
    expect(moved(before, after, 'http_request_duration_seconds_bucket', { le: '+Inf', ...list })).toBe(3);
    expect(moved(before, after, 'http_requests_total', { operation_id: 'getCustomer', status_class: '4xx' })).toBe(1);
    expect(moved(before, after, 'http_requests_total', { operation_id: 'listCustomers', status_class: '4xx' })).toBe(1);
    expect(moved(before, after, 'http_requests_total', { operation_id: 'none', status_class: '4xx' })).toBe(1);
    expect(after.value('http_requests_in_flight')).toBe(0);
    // One connection per read that reached the database: three lists and one lookup (the 400 and the unknown path never do).
    expect(moved(before, after, 'db_pool_acquire_duration_seconds_count')).toBe(4);
  });

  it('when scraped, reports the database connections and the process', async () => {
    const scraped = await scrape(metricsUrl);
    const max = engine.name === 'sqlite' ? 1 : 10;
    expect(scraped.value('db_pool_max_connections')).toBe(max);
    expect(scraped.value('db_pool_open_connections')).toBeGreaterThanOrEqual(1);
    expect(scraped.value('db_pool_open_connections')).toBeLessThanOrEqual(max);
    expect(scraped.value('db_pool_idle_connections')).toBe(scraped.value('db_pool_open_connections'));
    expect(scraped.value('db_pool_waiting_queries')).toBe(0);
    expect(scraped.value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(scraped.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('when a caller asks for /metrics on the API port, answers 404: the metrics have their own listener', async () => {
    await api.get('/metrics').expect(404);
  });
});

describe('the metrics listener', () => {
  it('when asked for anything but GET /metrics, answers 404 or 405', async () => {
    const listener = await listenLocally(createMetricsServer(createServiceMetrics().registry));
    try {
      expect((await fetch(`${listener.baseUrl}/`)).status).toBe(404);
      expect((await fetch(`${listener.baseUrl}/metrics`, { method: 'POST' })).status).toBe(405);
      const response = await fetch(`${listener.baseUrl}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    } finally {
      await listener.close();
    }
  });
});

describe('rate-limit metrics', () => {
  it('when a caller goes over the limit, counts each 429', async () => {
    const { metrics, url, storage, close } = await withMetrics((options) => engines[0]!.open(options));
    try {
      const { app } = await buildTestApp(storage, { metrics, env: { RATE_LIMIT_PER_MINUTE: '2' } });
      const token = `Bearer ${await mintTestToken({ sub: randomUUID() })}`;
      const before = await scrape(url);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await request(app).get('/me').set('Authorization', token)).status);
      const after = await scrape(url);
      expect(statuses).toEqual([200, 200, 429, 429]);
      expect(moved(before, after, 'rate_limit_rejected_total')).toBe(2);
      expect(moved(before, after, 'rate_limit_fail_open_total')).toBe(0);
    } finally {
      await close();
    }
  });

  it('when the link to the limit store (Redis) is cut, counts each request served without a limit', async () => {
    const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    const proxy = await startCuttableProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    const { metrics, url, storage, close } = await withMetrics((options) => engines[0]!.open(options));
    const store = await connectRedisRateLimitStore(
      `redis://127.0.0.1:${proxy.port}`,
      pino({ level: 'silent' }),
      `metrics-test:${randomUUID()}:`,
      metrics.rateLimitFailedOpen,
    ).catch((error: unknown) => {
      if (process.env.REQUIRE_REDIS === '1') throw error;
      return undefined;
    });
    try {
      if (!store) return console.warn('!!! Redis unreachable: the fail-open metric was not tested');
      const { app } = await buildTestApp(storage, { metrics, env: { RATE_LIMIT_PER_MINUTE: '2' }, rateLimitStore: store.store });
      const token = `Bearer ${await mintTestToken({ sub: randomUUID() })}`;
      const before = await scrape(url);
      proxy.cut();
      for (let i = 0; i < 3; i++) await request(app).get('/me').set('Authorization', token).expect(200);
      const after = await scrape(url);
      expect(moved(before, after, 'rate_limit_fail_open_total')).toBe(3);
      expect(moved(before, after, 'rate_limit_rejected_total')).toBe(0);
    } finally {
      await store?.close().catch(() => undefined);
      await proxy.close();
      await close();
    }
  });
});
