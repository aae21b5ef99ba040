import type { Server } from 'node:http';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { buildTestApp, mintTestToken, openTestApp, TEST_USER } from '../support/test-app.js';

const sqlite = engines[0]!;
const UID = '3f2b8c1d-4e5a-4b6c-8d7e-9f0a1b2c3d4e';

describe('trusted gateway mode (AUTH_TRUSTED_GATEWAY=1)', () => {
  let app: Server;
  let keyless: Server;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // With a key: tokens the gateway forwards are verified too. Without: the gateway is the only judge.
    const opened = await openTestApp(sqlite, { env: { AUTH_TRUSTED_GATEWAY: '1' } });
    ({ app, close } = opened);
    ({ app: keyless } = await buildTestApp(opened.storage, { env: { AUTH_TRUSTED_GATEWAY: '1', AUTH_JWT_SECRET: '' } }));
  });
  afterAll(() => close());

  const asGateway = (target: Server, path: string, uid = UID) =>
    request(target).get(path).set('X-User-UID', uid).set('X-Username', 'grace').set('X-User-Scopes', 'customers:read');

  it('when the gateway names the caller, GET /me answers that user', async () => {
    const res = await asGateway(keyless, '/me').set('X-User-Email', 'grace@example.com').expect(200);
    expect(res.body).toEqual({ id: UID, username: 'grace', email: 'grace@example.com' });
  });

  it('when the gateway grants a scope in X-User-Scopes, operations needing it run and others answer 403', async () => {
    await asGateway(keyless, '/customers').expect(200);
    const res = await asGateway(keyless, '/random-numbers?start_date=2026-03-01&end_date=2026-03-01').expect(403);
    expect(res.body.detail).toContain('timeseries:read');
  });

  it('when X-User-UID is missing, answers 401', async () => {
    await request(keyless).get('/me').set('X-Username', 'grace').expect(401).expect('www-authenticate', 'Bearer realm="tutorial-api"');
  });

  it('when X-User-UID is not a UUID, answers 401', async () => {
    const res = await asGateway(keyless, '/me', '42').expect(401);
    expect(res.body.detail).toMatch(/UUID/);
  });

  it('when X-Username is missing, answers 401', async () => {
    await request(keyless).get('/me').set('X-User-UID', UID).expect(401);
  });

  it('when the legacy numeric X-User-ID is sent, answers 401', async () => {
    const res = await asGateway(keyless, '/me').set('X-User-ID', '42').expect(401);
    expect(res.body.detail).toMatch(/X-User-ID/);
  });

  it('when the forwarded token names the same user, answers 200', async () => {
    const token = await mintTestToken({ sub: UID, scopes: ['timeseries:read'] });
    await asGateway(app, '/me').set('Authorization', `Bearer ${token}`).expect(200);
    await asGateway(keyless, '/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('when the forwarded token names another user than X-User-UID, answers 401', async () => {
    const token = await mintTestToken({ sub: TEST_USER.id });
    for (const target of [app, keyless]) {
      const res = await asGateway(target, '/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.detail).toMatch(/different user/);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    }
  });

  it('when a key is configured and the forwarded token does not verify, answers 401', async () => {
    const forged = await mintTestToken({ sub: UID, secret: 'not-the-configured-secret-0123456789abcdef' });
    await asGateway(app, '/me').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('when a key is configured and the token verifies, its scopes apply rather than X-User-Scopes', async () => {
    const token = await mintTestToken({ sub: UID, scopes: ['timeseries:read'] });
    await asGateway(app, '/customers').set('Authorization', `Bearer ${token}`).expect(403);
  });
});

describe('issue 17 item 6: repeated identity headers in gateway mode', () => {
  const OTHER_UID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
  let gateway: Server;
  let bearer: Server;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestApp(sqlite, { env: { AUTH_TRUSTED_GATEWAY: '1' } });
    ({ app: gateway, close } = opened);
    ({ app: bearer } = await buildTestApp(opened.storage));
  });
  afterAll(() => close());

  // Node joins repeated x-* headers with ", " and keeps only the first Authorization, so each of
  // these used to reach the authenticator as one plausible value (a scope added, "grace, admin").
  const identity: Record<string, string> = {
    'X-User-UID': UID,
    'X-Username': 'grace',
    'X-User-Email': 'grace@example.com',
    'X-User-Scopes': 'customers:read',
  };
  it.each<[string, string[]]>([
    ['X-User-UID', [UID, OTHER_UID]],
    ['X-Username', ['grace', 'admin']],
    ['X-User-Email', ['grace@example.com', 'admin@example.com']],
    ['X-User-Scopes', ['customers:read', 'timeseries:read']],
  ])('when %s is sent twice, answers 401 naming it', async (name, values) => {
    // superagent sends an array value as one header line per element.
    const res = await request(gateway)
      .get('/random-numbers?start_date=2026-03-01&end_date=2026-03-01')
      .set({ ...identity, [name]: values })
      .expect(401)
      .expect('content-type', /application\/problem\+json/);
    expect(res.body.detail).toContain(name.toLowerCase());
  });

  it('when Authorization is sent twice behind the gateway, answers 401', async () => {
    const tokens = [await mintTestToken({ sub: UID }), await mintTestToken({ sub: OTHER_UID })];
    const res = await request(gateway)
      .get('/me')
      .set({ ...identity, Authorization: tokens.map((t) => `Bearer ${t}`) })
      .expect(401);
    expect(res.body.detail).toContain('authorization');
  });

  it('when Authorization is sent twice in bearer mode, answers 401 even though the first token is valid', async () => {
    const res = await request(bearer)
      .get('/me')
      .set({ Authorization: [`Bearer ${await mintTestToken()}`, 'Bearer another-token'] })
      .expect(401);
    expect(res.body.detail).toContain('authorization');
  });
});
