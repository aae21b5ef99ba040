import type { Server } from 'node:http';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { openTestApp, type TestAgent } from '../support/test-app.js';

const sqlite = engines[0]!;

describe('caching of authenticated answers', () => {
  let app: Server;
  let api: TestAgent;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, api, close } = await openTestApp(sqlite));
  });
  afterAll(() => close());

  it('issue 17 item 12: every answer of a secured operation, and every answer to a request with credentials, carries Cache-Control: no-store', async () => {
    for (const path of ['/me', '/customers', '/customers/NOPE', '/customers?limit=0']) {
      const res = await api.get(path);
      expect(res.headers['cache-control'], `${path} ${res.status}`).toBe('no-store');
    }
    const created = await api.post('/customers').send({ customer_code: 'NOSTORE', name: 'No Store', region: 'US' }).expect(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const refused = await request(app).get('/customers').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const withToken = await api.get('/health').expect(200);
    expect(withToken.headers['cache-control']).toBe('no-store');
  });

  it('issue 17 item 12: public answers keep their own caching', async () => {
    const logo = await request(app).get('/logo.svg').expect(200);
    expect(logo.headers['cache-control']).toBe('public, max-age=86400');
    const logoWithToken = await api.get('/logo.svg').expect(200);
    expect(logoWithToken.headers['cache-control']).toBe('public, max-age=86400');
    for (const path of ['/health', '/openapi.json']) {
      const res = await request(app).get(path).expect(200);
      expect(res.headers['cache-control'], path).toBeUndefined();
    }
  });
});
