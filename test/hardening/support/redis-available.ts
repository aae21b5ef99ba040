import { createClient } from 'redis';

/** The Redis the suites count in (`TEST_REDIS_URL`, by default the local one). */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Why Redis cannot be used (undefined when it answers a PING). Throws under REQUIRE_REDIS=1,
 * and otherwise says loudly that `suite` is skipped.
 */
export async function redisUnavailable(suite: string): Promise<string | undefined> {
  const client = createClient({ url: testRedisUrl, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  let why: string | undefined;
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    why = error instanceof Error ? error.message : String(error);
  } finally {
    if (client.isOpen) client.destroy();
  }
  if (why && process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but Redis at ${testRedisUrl} is unreachable: ${why}`);
  if (why) console.warn(`\n!!! ${suite} SKIPPED: ${testRedisUrl} is unreachable (${why}). Set REQUIRE_REDIS=1 to fail instead.\n`);
  return why;
}
