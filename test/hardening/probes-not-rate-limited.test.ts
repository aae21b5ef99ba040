// Issue 17 item 13: the probes (/health, /ready) are never rate-limited: the contract marks them
// `x-rate-limited: false`, so a load balancer sharing an address with clients is never throttled.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { contract, mintTestToken, openTestApp } from '../support/test-app.js';

const sqlite = engines[0]!;

describe('issue 17 item 13: probes and the rate limit', () => {
  let app: Server;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(sqlite, { env: { RATE_LIMIT_PER_MINUTE: '6' } }));
  });
  afterAll(() => close());

  it('issue 17 item 13: with RATE_LIMIT_PER_MINUTE=6, 10 probes of /health and of /ready all answer 200, while the 7th /me or /customers answers 429', async () => {
    for (let i = 0; i < 10; i++) {
      const health = await request(app).get('/health');
      const ready = await request(app).get('/ready');
      expect([health.status, ready.status], `probe ${i + 1}`).toEqual([200, 200]);
      expect(health.headers.ratelimit, 'a probe is not counted').toBeUndefined();
    }

    // The probes' address still has its whole budget: anonymous /customers (401) counts six times, then 429.
    const anonymous: number[] = [];
    for (let i = 0; i < 7; i++) anonymous.push((await request(app).get('/customers')).status);
    expect(anonymous).toEqual([401, 401, 401, 401, 401, 401, 429]);

    const authorization = `Bearer ${await mintTestToken({ sub: randomUUID() })}`;
    const me: number[] = [];
    for (let i = 0; i < 7; i++) me.push((await request(app).get('/me').set('Authorization', authorization)).status);
    expect(me).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('issue 17 item 13: the exemption comes from the contract: exactly the operations marked x-rate-limited: false, all of them public', () => {
    const exempt = contract.operations.filter((operation) => !operation.rateLimited);
    expect(exempt.map((operation) => operation.operationId).sort()).toEqual(['getHealth', 'getReady']);
    for (const operation of exempt) expect(operation.security).toBeUndefined();
  });
});
