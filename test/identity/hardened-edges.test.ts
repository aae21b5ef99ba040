import type { Server } from 'node:http';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { buildTestApp, openTestApp, type TestAgent } from '../support/test-app.js';

const sqlite = engines[0]!;
const WIDGET_ORIGIN = 'https://widgets.example.com';

describe('hardened edges', () => {
  let app: Server;
  let api: TestAgent;
  let corsApp: Server;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestApp(sqlite);
    ({ app, api, close } = opened);
    ({ app: corsApp } = await buildTestApp(opened.storage, { env: { CORS_ORIGINS: `${WIDGET_ORIGIN},http://localhost:5173` } }));
  });
  afterAll(() => close());

  it('when any response is sent, it carries the security headers', async () => {
    const res = await api.get('/me').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when the docs are served, their policy allows the inline page and nothing from elsewhere', async () => {
    const res = await request(app).get('/docs');
    expect(res.headers['content-security-policy']).toMatch(
      /^default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:;object-src 'none'/,
    );
  });

  it('when CORS_ORIGINS is unset, a cross-origin request gets no CORS headers', async () => {
    const res = await api.get('/me').set('Origin', WIDGET_ORIGIN).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('when the origin is allowed, a preflight names the methods and Authorization', async () => {
    const res = await request(corsApp)
      .options('/widgets/customers')
      .set('Origin', WIDGET_ORIGIN)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(WIDGET_ORIGIN);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('when the origin is allowed, the answer lets the widget read it and its request id', async () => {
    const res = await request(corsApp).get('/health').set('Origin', WIDGET_ORIGIN).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(WIDGET_ORIGIN);
    expect(res.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('when the origin is not in the allow-list, the answer carries no CORS grant', async () => {
    const res = await request(corsApp).get('/health').set('Origin', 'https://evil.example.com').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('when a request id is sent, it is echoed, also on a 401', async () => {
    await request(app).get('/me').set('X-Request-Id', 'abc-123').expect(401).expect('x-request-id', 'abc-123');
  });
});
