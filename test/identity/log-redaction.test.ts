import type { Server } from 'node:http';
import { Writable } from 'node:stream';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLogger } from '../../src/logger.js';
import { engines } from '../support/engines.js';
import { type CapturedLogs, mintTestToken, openTestApp, TEST_JWT_SECRET } from '../support/test-app.js';

const sqlite = engines[0]!;

describe('logs never carry credentials', () => {
  let app: Server;
  let logs: CapturedLogs;
  let close: () => Promise<void>;
  const tokens: string[] = [];

  beforeAll(async () => {
    ({ app, logs, close } = await openTestApp(sqlite, {
      env: { LOG_LEVEL: 'trace' },
      overrideHandlers: (handlers) => ({
        ...handlers,
        getCustomer: () => {
          throw new Error('boom');
        },
      }),
    }));
  });
  afterAll(() => close());

  it('when requests succeed, fail authentication, lack scopes or crash, no token or secret is written', async () => {
    const valid = await mintTestToken();
    const expired = await mintTestToken({ ttlSeconds: -60 });
    const forged = await mintTestToken({ secret: 'forged-secret-that-is-long-enough-0123456789' });
    const readOnly = await mintTestToken({ scopes: ['customers:read'] });
    tokens.push(valid, expired, forged, readOnly);

    await request(app).get('/me').set('Authorization', `Bearer ${valid}`).set('X-Request-Id', 'log-check-1').expect(200);
    await request(app).get('/me').set('Authorization', `Bearer ${expired}`).expect(401);
    await request(app).get('/me').set('Authorization', `Bearer ${forged}`).expect(401);
    await request(app)
      .get('/me')
      .set('Authorization', `Basic ${Buffer.from(`user:${TEST_JWT_SECRET}`).toString('base64')}`)
      .expect(401);
    await request(app)
      .post('/customers')
      .set('Authorization', `Bearer ${readOnly}`)
      .send({ customer_code: 'X', name: 'X', region: 'EU' })
      .expect(403);
    await request(app).get('/customers/ACME').set('Authorization', `Bearer ${valid}`).expect(500);
    await request(app).get('/me').set('Authorization', `Bearer ${valid}`).set('X-User-ID', '42').expect(401);

    const text = logs.text();
    expect(logs.lines.some((line) => (line.req as { id?: string } | undefined)?.id === 'log-check-1')).toBe(true);
    expect(logs.lines.some((line) => line.msg === 'unhandled error')).toBe(true);
    for (const token of tokens) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[2]);
    }
    expect(text).not.toContain(TEST_JWT_SECRET);
    expect(text).not.toMatch(/Bearer\s/);
    expect(text).not.toMatch(/Basic\s/);
  });

  it('when a token is rejected, the problem body does not repeat it', async () => {
    const expired = await mintTestToken({ ttlSeconds: -60 });
    const res = await request(app).get('/me').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.text).not.toContain(expired.split('.')[2]);
    expect(res.headers['www-authenticate']).not.toContain(expired.split('.')[2]);
  });
});

describe('the logger', () => {
  it('when code logs request headers or credential-named fields, redacts them', () => {
    let written = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer aaa.bbb.ccc', 'proxy-authorization': 'Basic zzz', cookie: 'sid=1' } },
        headers: { authorization: 'Bearer ddd' },
        config: { secret: 'hunter2-hunter2', token: 'eee', password: 'pw1', apiKey: 'k1' },
        token: 'fff',
        secret: 'ggg',
        accessToken: 'hhh',
      },
      'credentials in context',
    );
    for (const value of ['aaa.bbb.ccc', 'zzz', 'sid=1', 'ddd', 'hunter2', 'eee', 'pw1', 'fff', 'ggg', 'hhh']) {
      expect(written).not.toContain(value);
    }
    expect(written).toContain('[redacted]');
  });
});
