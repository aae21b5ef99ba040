import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, type Options, type Store } from 'express-rate-limit';
import { HttpProblemError } from '../errors/http-problem-error.js';
import { queueHeader } from '../http/queued-headers.js';
import type { Authenticator } from './authenticator.js';

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
  /** Identifies callers; an authenticated caller is counted by user id wherever it connects from. */
  authenticator: Authenticator;
  /** Where counters live: memory (one process) by default, Redis to share them between processes. */
  store?: Store | undefined;
  /** Told of every request refused with 429 (the service's metrics count them). */
  onLimited?: (() => void) | undefined;
}

const WINDOW_MS = 60_000;
const WINDOW_SECONDS = WINDOW_MS / 1000;
const PARTITION_KEYS_KEPT = 10_000;

/**
 * Limits each caller (the authenticated user, or the client IP for anonymous and
 * unauthenticated requests) to `perMinute` requests per minute in fixed one-minute windows.
 * Every answer carries the draft-8 `RateLimit` and `RateLimit-Policy` headers; over the limit,
 * the request becomes a 429 problem through the app's error path.
 *
 * The counting is express-rate-limit's: its stores (MemoryStore, or the Redis store passed in)
 * keep the windows. Its middleware is not used: per request it awaited six promises, hashed the
 * key with SHA-256 for the headers' partition key and ran its configuration checks again, a
 * tenth of a /health request. This one awaits the caller's key and the store, and builds a
 * key's policy header (with its hash) once while the key stays among the last 10,000 seen.
 */
export function callerRateLimit(options: CallerRateLimitOptions): RequestHandler {
  const { perMinute, authenticator } = options;
  const store = options.store ?? new MemoryStore();
  store.init?.({ windowMs: WINDOW_MS } as Options);
  const policyName = `"${perMinute}-in-1min"`;
  const policies = new PolicyHeaders(PARTITION_KEYS_KEPT, (partitionKey) => `${policyName}; q=${perMinute}; w=${WINDOW_SECONDS}; pk=:${partitionKey}:`);

  // An authenticated caller is counted by user id, anyone else by address. Plain promise
  // chains rather than async functions: two fewer promises on every request.
  const callerKey = (req: Request): Promise<string> =>
    authenticator.authenticate(req).then(
      (caller) => `user:${caller.user.id}`,
      () => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    );

  return (req, res, next) => {
    callerKey(req)
      .then((key) =>
        Promise.resolve(store.increment(key)).then(({ totalHits, resetTime }) => {
          const resetSeconds = resetTime ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : WINDOW_SECONDS;
          queueHeader(res, 'RateLimit-Policy', policies.of(key));
          queueHeader(res, 'RateLimit', `${policyName}; r=${Math.max(perMinute - totalHits, 0)}; t=${resetSeconds}`);
          if (totalHits <= perMinute) return next();
          options.onLimited?.();
          next(new RateLimitedError(Math.max(1, resetSeconds), perMinute));
        }),
      )
      .catch(next);
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
