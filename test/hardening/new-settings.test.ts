// Issue 17: the settings items 1 and 16 add, validated like every other variable.
import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config.js';

describe('issue 17: RATE_LIMIT_REDIS_TIMEOUT_MS and SHUTDOWN_DRAIN_MS', () => {
  it('issue 17 items 1, 16: default to 200 ms and 5000 ms', () => {
    const config = loadConfig({});
    expect(config.rateLimitRedisTimeoutMs).toBe(200);
    expect(config.shutdownDrainMs).toBe(5_000);
  });

  it('issue 17 items 1, 16: a bad value stops start-up naming the variable', () => {
    for (const [name, value] of [
      ['RATE_LIMIT_REDIS_TIMEOUT_MS', '0'],
      ['RATE_LIMIT_REDIS_TIMEOUT_MS', 'fast'],
      ['RATE_LIMIT_REDIS_TIMEOUT_MS', '60001'],
      ['SHUTDOWN_DRAIN_MS', '-5'],
      ['SHUTDOWN_DRAIN_MS', '5s'],
    ] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}: must be an integer`));
    }
    expect(loadConfig({ RATE_LIMIT_REDIS_TIMEOUT_MS: '50', SHUTDOWN_DRAIN_MS: '0' })).toMatchObject({
      rateLimitRedisTimeoutMs: 50,
      shutdownDrainMs: 0,
    });
  });
});
