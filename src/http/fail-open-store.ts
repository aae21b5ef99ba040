import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';

/** A rate-limit store call that took longer than its bound; the request is then served without a limit. */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError';
  constructor(operation: string, timeoutMs: number) {
    super(`rate-limit store ${operation} took longer than ${timeoutMs} ms`);
  }
}

/** Options of `FailOpenStore`. */
export interface FailOpenStoreOptions {
  /** Longest any one call may take before the request is served without a limit. */
  timeoutMs: number;
  /** Told (at most once per `warnIntervalMs`) why a request went through without a limit. */
  warn: (error: unknown) => void;
  /** Told of each request let through without a limit (the service's metrics count them). */
  onServedWithoutLimit?: (() => void) | undefined;
  warnIntervalMs?: number;
}

const WARN_INTERVAL_MS = 10_000;

/**
 * Wraps a shared store (Redis) so that its outage never holds up or fails a request: a call
 * that fails, or does not settle within `timeoutMs` (a link that accepts bytes and never
 * answers), counts as one hit in a fresh window and the request is served. The limit guards
 * against abuse; it is not a reason to take the API down with Redis. One warning per interval
 * says so (not one per request). Each call is tried on the store again, so counting resumes as
 * soon as the store answers in time.
 */
export class FailOpenStore implements Store {
  readonly localKeys = false;
  #lastWarned = Number.NEGATIVE_INFINITY;
  #windowMs = 60_000;
  readonly #warnIntervalMs: number;

  constructor(
    private readonly inner: Store,
    private readonly options: FailOpenStoreOptions,
  ) {
    this.#warnIntervalMs = options.warnIntervalMs ?? WARN_INTERVAL_MS;
  }

  get prefix(): string | undefined {
    return this.inner.prefix;
  }

  init(options: Options): void {
    this.#windowMs = options.windowMs;
    this.inner.init?.(options);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.bounded('get', () => this.inner.get?.(key)).catch((error: unknown) => this.failed(error, undefined));
  }

  async increment(key: string): Promise<IncrementResponse> {
    // One hit in a fresh window: the request passes and the headers stay truthful about it.
    return this.bounded('increment', () => this.inner.increment(key)).catch((error: unknown) => {
      this.options.onServedWithoutLimit?.();
      return this.failed(error, { totalHits: 1, resetTime: new Date(Date.now() + this.#windowMs) });
    });
  }

  async decrement(key: string): Promise<void> {
    await this.bounded('decrement', () => this.inner.decrement(key)).catch((error: unknown) => this.failed(error, undefined));
  }

  async resetKey(key: string): Promise<void> {
    await this.bounded('resetKey', () => this.inner.resetKey(key)).catch((error: unknown) => this.failed(error, undefined));
  }

  /** The call's result, or a StoreTimeoutError once `timeoutMs` has passed without one. */
  private bounded<T>(operation: string, call: () => Promise<T> | T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new StoreTimeoutError(operation, this.options.timeoutMs)), this.options.timeoutMs);
    });
    // A call abandoned here may still settle later; race() has observed it, so a late
    // rejection is not an unhandled one.
    return Promise.race([Promise.resolve().then(call), timedOut]).finally(() => clearTimeout(timer));
  }

  private failed<T>(error: unknown, fallback: T): T {
    const now = Date.now();
    if (now - this.#lastWarned >= this.#warnIntervalMs) {
      this.#lastWarned = now;
      this.options.warn(error);
    }
    return fallback;
  }
}
