import type { Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';

import { FailOpenStore } from './fail-open-store.js';

/** A rate-limit store in Redis, shared by every API process that points at the same server. */
export interface RedisRateLimitStore {
  store: Store;
  close(): Promise<void>;
}

/** The default of RATE_LIMIT_REDIS_TIMEOUT_MS. */
export const DEFAULT_REDIS_TIMEOUT_MS = 200;

/**
 * Commands waiting for Redis at most: past that a command fails at once (and the request is
 * served without a limit) instead of piling up while Redis stalls.
 */
const COMMANDS_QUEUE_MAX_LENGTH = 1_000;

/**
 * Returns at once a store whose counters live in Redis at `url` under `prefix`, and connects in
 * the background: a Redis that is out at start-up does not keep the server from listening.
 * Until it answers, and whenever a call takes longer than `timeoutMs`, requests are served
 * without a limit (see FailOpenStore); `onServedWithoutLimit` is told of each.
 */
export async function connectRedisRateLimitStore(
  url: string,
  logger: Logger,
  prefix = 'rate-limit:',
  onServedWithoutLimit?: () => void,
  timeoutMs = DEFAULT_REDIS_TIMEOUT_MS,
): Promise<RedisRateLimitStore> {
  // While Redis is unreachable, commands fail at once instead of queueing until it is back.
  // node-redis's own per-command `timeout` is no bound here: it stops counting once the command
  // is written to the socket (commands-queue.js of @redis/client 5.10), so a link that accepts
  // bytes and never answers would hold each request forever; FailOpenStore bounds every call.
  const client = createClient({ url, disableOfflineQueue: true, commandsQueueMaxLength: COMMANDS_QUEUE_MAX_LENGTH });
  // Without a listener a dropped connection would crash the process; the client reconnects itself.
  client.on('error', (error: Error) => logger.warn({ err: { message: error.message } }, 'rate-limit Redis connection error'));
  client.connect().catch((error: unknown) => {
    logger.warn(
      { err: { message: error instanceof Error ? error.message : String(error) } },
      'rate-limit Redis not reachable: serving without a limit until it is',
    );
  });
  const redisStore = new RedisStore({ prefix, sendCommand: (...args: string[]) => client.sendCommand(args) });
  // The store loads its Lua scripts as it is built and keeps the promises; while Redis is out
  // they fail (and the store loads them again on its next call), and a failure nobody observes
  // would be an unhandled rejection, which ends the process.
  for (const loaded of [redisStore.incrementScriptSha, redisStore.getScriptSha]) loaded.catch(() => undefined);
  const store = new FailOpenStore(redisStore, {
    timeoutMs,
    warn: (error) =>
      logger.warn(
        { err: { message: error instanceof Error ? error.message : String(error) } },
        'rate-limit store unavailable: request served without a limit',
      ),
    onServedWithoutLimit,
  });
  return {
    store,
    // Requests are drained before this runs; what Redis has not answered yet (a stalled link
    // would hold `client.close()` forever) is dropped.
    close: async () => {
      if (client.isOpen) client.destroy();
    },
  };
}
