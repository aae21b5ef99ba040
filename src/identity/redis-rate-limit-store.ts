import type { Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';

/** A rate-limit store in Redis, shared by every API process that points at the same server. */
export interface RedisRateLimitStore {
  store: Store;
  close(): Promise<void>;
}

/** Connects to `url` and returns a store whose counters live there under `prefix`. */
export async function connectRedisRateLimitStore(url: string, logger: Logger, prefix = 'rate-limit:'): Promise<RedisRateLimitStore> {
  const client = createClient({ url });
  // Without a listener a dropped connection would crash the process; the client reconnects itself.
  client.on('error', (error: Error) => logger.warn({ err: { message: error.message } }, 'rate-limit Redis connection error'));
  await client.connect();
  const store = new RedisStore({ prefix, sendCommand: (...args: string[]) => client.sendCommand(args) });
  return {
    store,
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
