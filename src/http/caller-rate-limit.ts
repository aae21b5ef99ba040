import { createHash } from 'node:crypto';

import { ipKeyGenerator, MemoryStore, type Options, type Store } from 'express-rate-limit';
import ipaddr from 'ipaddr.js';

import { HttpProblemError } from '../errors/http-problem-error.js';
import type { ResponseHeaders } from './response-headers.js';

/** The caller used up its budget: 429 with `Retry-After` in seconds. */
export class RateLimitedError extends HttpProblemError {
  constructor(retryAfterSeconds: number, limit: number) {
    super('rate_limited', 429, `Too many requests: the limit is ${limit} per minute; retry after ${retryAfterSeconds} s`, {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}

/** Options of `callerRateLimit`. */
export interface CallerRateLimitOptions {
  /** Requests per caller per minute. */
  perMinute: number;
  /** Where counters live: memory (one process) by default, Redis to share them between processes. */
  store?: Store | undefined;
  /** Told of every request refused with 429 (the service's metrics count them). */
  onLimited?: (() => void) | undefined;
}

/** Counts a request against its caller's budget. */
export interface CallerRateLimit {
  /**
   * Counts one request of `callerKey` (see `callerKey`), adds the `RateLimit` and
   * `RateLimit-Policy` headers to `headers`, and rejects with RateLimitedError over the limit.
   */
  count(callerKey: string, headers: ResponseHeaders): Promise<void>;
}

const WINDOW_MS = 60_000;
const WINDOW_SECONDS = WINDOW_MS / 1000;
const PARTITION_KEYS_KEPT = 10_000;

/**
 * Who a request is counted as: the authenticated user wherever it connects from, anyone else by
 * address: an IPv4 address on its own, also when it reaches an IPv6 listener as an IPv4-mapped
 * address (`::ffff:a.b.c.d`, which ipaddr.js's `process` turns back into `a.b.c.d`); an IPv6
 * address by its /56 network, as express-rate-limit's `ipKeyGenerator` keys it (one customer
 * site is usually given a /56 or a /48, and can change the lower bits at will).
 */
export function callerKey(userId: string | undefined, address: string | undefined): string {
  if (userId !== undefined) return `user:${userId}`;
  if (address === undefined) return 'ip:unknown';
  if (!ipaddr.isValid(address)) return `ip:${address}`;
  const parsed = ipaddr.process(address);
  return `ip:${parsed.kind() === 'ipv4' ? parsed.toString() : ipKeyGenerator(address)}`;
}

/**
 * Limits each caller to `perMinute` requests per minute in fixed one-minute windows. Every answer
 * carries the draft-8 `RateLimit` and `RateLimit-Policy` headers.
 *
 * The counting is express-rate-limit's: its stores (MemoryStore, or the Redis store passed in)
 * keep the windows. Its middleware is not used: it would authenticate the caller itself, before
 * the request is routed, and per request it awaited six promises, hashed the key with SHA-256
 * for the headers' partition key and ran its configuration checks again. This one awaits the
 * store, and builds a key's policy header (with its hash) once while the key stays among the
 * last 10,000 seen.
 */
export function callerRateLimit(options: CallerRateLimitOptions): CallerRateLimit {
  const { perMinute } = options;
  const store = options.store ?? new MemoryStore();
  store.init?.({ windowMs: WINDOW_MS } as Options);
  const policyName = `"${perMinute}-in-1min"`;
  const policies = new PolicyHeaders(
    PARTITION_KEYS_KEPT,
    (partitionKey) => `${policyName}; q=${perMinute}; w=${WINDOW_SECONDS}; pk=:${partitionKey}:`,
  );
  return {
    count: (key, headers) =>
      Promise.resolve(store.increment(key)).then(({ totalHits, resetTime }) => {
        const resetSeconds = resetTime ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : WINDOW_SECONDS;
        headers.set('RateLimit-Policy', policies.of(key));
        headers.set('RateLimit', `${policyName}; r=${Math.max(perMinute - totalHits, 0)}; t=${resetSeconds}`);
        if (totalHits <= perMinute) return;
        options.onLimited?.();
        throw new RateLimitedError(Math.max(1, resetSeconds), perMinute);
      }),
  };
}

/**
 * The `RateLimit-Policy` header of each counter key. Its partition key is the first 12 hex
 * digits of the key's SHA-256, base64 encoded (what express-rate-limit sends), so callers can
 * tell quotas apart without learning the user id or IP behind them.
 */
class PolicyHeaders {
  readonly #known = new Map<string, string>();

  constructor(
    private readonly capacity: number,
    private readonly header: (partitionKey: string) => string,
  ) {}

  of(key: string): string {
    let policy = this.#known.get(key);
    if (policy === undefined) {
      policy = this.header(Buffer.from(createHash('sha256').update(key).digest('hex').slice(0, 12)).toString('base64'));
      if (this.#known.size >= this.capacity) this.#known.delete(this.#known.keys().next().value!);
      this.#known.set(key, policy);
    }
    return policy;
  }
}
