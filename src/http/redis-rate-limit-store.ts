import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';

/** A rate-limit store in Redis, shared by every API process that points at the same server. */
export interface RedisRateLimitStore {
  store: Store;
  close(): Promise<void>;
}

/**
 * Connects to `url` and returns a store whose counters live there under `prefix`;
 * `onServedWithoutLimit` is told of each request let through while Redis is out.
 */
export async function connectRedisRateLimitStore(
  url: string,
  logger: Logger,
  prefix = 'rate-limit:',
  onServedWithoutLimit?: () => void,
): Promise<RedisRateLimitStore> {
  // While Redis is unreachable, commands fail at once instead of queueing until it is back, so
  // no request waits on the limiter (the store then lets requests through: see FailOpenStore).
  const client = createClient({ url, disableOfflineQueue: true });
  // Without a listener a dropped connection would crash the process; the client reconnects itself.
  client.on('error', (error: Error) => logger.warn({ err: { message: error.message } }, 'rate-limit Redis connection error'));
  await client.connect();
  const redisStore = new RedisStore({ prefix, sendCommand: (...args: string[]) => client.sendCommand(args) });
  // The store loads its Lua scripts as it is built and keeps the promises; one that failed
  // unobserved (Redis dropping right then) would be an unhandled rejection, which ends the process.
  await Promise.all([redisStore.incrementScriptSha, redisStore.getScriptSha]);
  const store = new FailOpenStore(
    redisStore,
    (error) => logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'rate-limit store unavailable: request served without a limit'),
    onServedWithoutLimit,
  );
  return {
    store,
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}

const ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * While Redis is out, requests are served without a limit rather than failed: the limit guards
 * against abuse; it is not a reason to take the API down with Redis. One warning per interval
 * says so (not one per request).
 */
class FailOpenStore implements Store {
  readonly localKeys = false;
  #lastLogged = 0;
  #windowMs = 60_000;

  constructor(
    private readonly inner: RedisStore,
    private readonly warn: (error: unknown) => void,
    private readonly onServedWithoutLimit: (() => void) | undefined,
  ) {}

  get prefix(): string {
    return this.inner.prefix;
  }

  init(options: Options): void {
    this.#windowMs = options.windowMs;
    this.inner.init(options);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.inner.get(key).catch((error: unknown) => this.failed(error, undefined));
  }

  async increment(key: string): Promise<IncrementResponse> {
    // One hit in a fresh window: the request passes and the headers stay truthful about it.
    return this.inner.increment(key).catch((error: unknown) => {
      this.onServedWithoutLimit?.();
      return this.failed(error, { totalHits: 1, resetTime: new Date(Date.now() + this.#windowMs) });
    });
  }

  async decrement(key: string): Promise<void> {
    await this.inner.decrement(key).catch((error: unknown) => this.failed(error, undefined));
  }

  async resetKey(key: string): Promise<void> {
    await this.inner.resetKey(key).catch((error: unknown) => this.failed(error, undefined));
  }

  private failed<T>(error: unknown, fallback: T): T {
    const now = Date.now();
    if (now - this.#lastLogged >= ERROR_LOG_INTERVAL_MS) {
      this.#lastLogged = now;
      this.warn(error);
    }
    return fallback;
  }
}
