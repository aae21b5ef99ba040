import { afterEach, describe, expect, it, vi } from 'vitest';

import { createJwtVerifier } from '../../src/identity/jwt-verifier.js';
import { mintTestToken, TEST_JWT_SECRET, TEST_USER } from '../support/test-app.js';

const verifier = () => createJwtVerifier({ algorithm: 'HS256', key: new TextEncoder().encode(TEST_JWT_SECRET) }, {});

describe('verified-token cache', () => {
  afterEach(() => vi.useRealTimers());

  it('when the same token comes again, answers the same caller', async () => {
    const verify = verifier();
    const token = await mintTestToken();
    const first = await verify(token);
    expect(first.user.id).toBe(TEST_USER.id);
    expect(await verify(token)).toEqual(first);
  });

  it('when a cached token expires, refuses it: the cache never outlives exp', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z'), toFake: ['Date'] });
    const verify = verifier();
    const token = await mintTestToken({ ttlSeconds: 30 });
    expect((await verify(token)).user.id).toBe(TEST_USER.id);
    vi.setSystemTime(new Date('2026-11-25T12:00:31Z'));
    await expect(verify(token)).rejects.toThrow(/expired/);
  });

  it('does not remember failures: a forged token is refused every time', async () => {
    const verify = verifier();
    const forged = await mintTestToken({ secret: 'another-secret-another-secret-another-secret' });
    await expect(verify(forged)).rejects.toThrow(/signature/);
    await expect(verify(forged)).rejects.toThrow(/signature/);
  });
});
