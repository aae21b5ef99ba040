import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { PoolStatus } from '../data/engine/storage-engine.js';

/** How one request ended, as the request metrics count it. */
export interface RequestOutcome {
  /** The matched operation (`req.operationId`); undefined when none matched. */
  operationId: string | undefined;
  status: number;
  /** False when the client went away before the response was sent in full. */
  completed: boolean;
  seconds: number;
}

/**
 * The service's Prometheus metrics (prom-client), in a registry of their own: requests by
 * operationId and status class, requests in flight, the database connections, the rate limiter,
 * and prom-client's process and Node.js metrics. The parts of the service that see each event
 * call the method named after it; only `/metrics` on METRICS_PORT reads the registry.
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  requestStarted(): void;
  requestFinished(outcome: RequestOutcome): void;
  /** A request was refused with 429 by the rate limiter. */
  rateLimited(): void;
  /** The rate limiter's store (Redis) failed, so a request was served without a limit. */
  rateLimitFailedOpen(): void;
  /** A query waited this long for a database connection. */
  connectionAcquired(waitSeconds: number): void;
  /** Reads the database connections' status on every scrape. */
  watchPool(status: () => PoolStatus): void;
}

/** `operation_id` of requests no operation matched. */
export const UNMATCHED_OPERATION = 'none';

/** Creates the metrics and their registry. */
export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const labelNames = ['operation_id', 'status_class'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'Requests answered, by operationId and status class (aborted: the client left first).',
    labelNames,
    registers,
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to its response being sent, by operationId and status class.',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const inFlight = new Gauge({ name: 'http_requests_in_flight', help: 'Requests received and not yet answered.', registers });
  const rateLimited = new Counter({
    name: 'rate_limit_rejected_total',
    help: 'Requests refused with 429 by the per-caller rate limit.',
    registers,
  });
  const failedOpen = new Counter({
    name: 'rate_limit_fail_open_total',
    help: 'Requests served without a rate limit because its store (Redis) could not be reached.',
    registers,
  });
  const acquire = new Histogram({
    name: 'db_pool_acquire_duration_seconds',
    help: 'Time a query waited for a database connection.',
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  return {
    registry,
    requestStarted: () => inFlight.inc(),
    requestFinished: ({ operationId, status, completed, seconds }) => {
      inFlight.dec();
      const labels = {
        operation_id: operationId ?? UNMATCHED_OPERATION,
        status_class: completed ? `${Math.floor(status / 100)}xx` : 'aborted',
      };
      requests.inc(labels);
      durations.observe(labels, seconds);
    },
    rateLimited: () => rateLimited.inc(),
    rateLimitFailedOpen: () => failedOpen.inc(),
    connectionAcquired: (waitSeconds) => acquire.observe(waitSeconds),
    watchPool: (status) => watchPool(registry, status),
  };
}

/** Gauges read from the engine's pool status when scraped. */
function watchPool(registry: Registry, status: () => PoolStatus): void {
  const gauge = (name: string, help: string, read: (s: PoolStatus) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(status()));
      },
    });
  gauge('db_pool_max_connections', 'The most database connections the service opens (SQLite: its one connection).', (s) => s.max);
  gauge('db_pool_open_connections', 'Database connections open now.', (s) => s.open);
  gauge('db_pool_idle_connections', 'Open database connections not handed out to a query.', (s) => s.idle);
  gauge('db_pool_waiting_queries', 'Queries waiting for a database connection now.', (s) => s.waiting);
}
