import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { exportJWK } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { engines } from '../support/engines.js';
import { buildTestApp, mintTestToken, openTestApp, TEST_JWT_SECRET, TEST_USER } from '../support/test-app.js';
import { claimsFor, ec, publicPem, rsa, sign, unsecuredToken } from './auth-test-keys.js';

const sqlite = engines[0]!;
const REALM_CHALLENGE = 'Bearer realm="tutorial-api"';

/** Asserts a 401 problem whose challenge says whether a token was offered, and returns its body. */
async function expectUnauthorized(test: request.Test, tokenGiven: boolean) {
  const res = await test.expect(401).expect('content-type', /application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized', type: 'urn:problem-type:unauthorized' });
  if (tokenGiven) expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="tutorial-api", error="invalid_token"/);
  else expect(res.headers['www-authenticate']).toBe(REALM_CHALLENGE);
  return res.body as { detail: string };
}

describe('authentication with an HS256 secret', () => {
  let app: Server;
  let storage: StorageEngine;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ storage, close } = await sqlite.open());
    ({ app } = await buildTestApp(storage));
  });
  afterAll(() => close());

  it('when no Authorization header is sent, answers 401 with a bare Bearer challenge', async () => {
    const body = await expectUnauthorized(request(app).get('/customers'), false);
    expect(body.detail).toMatch(/Authorization: Bearer/);
  });

  it.each([
    ['Basic dXNlcjpwYXNz', false],
    ['Token abc.def.ghi', false],
    ['Bearer', true],
    ['Bearer ', true],
    ['Bearer a.b.c extra', true],
    ['Bearer not a token', true],
    ['Bearer ***', true],
  ])('when the header is malformed (%j), answers 401', async (header, tokenGiven) => {
    await expectUnauthorized(request(app).get('/customers').set('Authorization', header), tokenGiven);
  });

  it('when the token is not a JWT at all, answers 401 invalid_token', async () => {
    const body = await expectUnauthorized(request(app).get('/customers').set('Authorization', 'Bearer abc.def.ghi'), true);
    expect(body.detail).toBe('The token is malformed');
  });

  it('when the signature does not match the secret, answers 401 naming the signature', async () => {
    const forged = await mintTestToken({ secret: 'another-secret-that-is-long-enough-0123456789' });
    const body = await expectUnauthorized(request(app).get('/customers').set('Authorization', `Bearer ${forged}`), true);
    expect(body.detail).toBe('The token signature is invalid');
  });

  it('when the token has expired, answers 401 saying so', async () => {
    const expired = await mintTestToken({ ttlSeconds: -60 });
    const res = await request(app).get('/customers').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.detail).toBe('The token has expired');
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="tutorial-api", error="invalid_token", error_description="The token has expired"',
    );
  });

  it('when the token has no exp claim, answers 401', async () => {
    const { exp: _omit, ...claims } = claimsFor();
    const token = await sign(claims, 'HS256', new TextEncoder().encode(TEST_JWT_SECRET));
    const body = await expectUnauthorized(request(app).get('/me').set('Authorization', `Bearer ${token}`), true);
    expect(body.detail).toMatch(/exp/);
  });

  it('when the subject is not a UUID (a legacy numeric id), answers 401', async () => {
    const token = await mintTestToken({ sub: '42' });
    const body = await expectUnauthorized(request(app).get('/me').set('Authorization', `Bearer ${token}`), true);
    expect(body.detail).toMatch(/UUID/);
  });

  it('when the token is unsecured (alg: none), answers 401', async () => {
    const token = unsecuredToken(claimsFor());
    const body = await expectUnauthorized(request(app).get('/customers').set('Authorization', `Bearer ${token}`), true);
    expect(body.detail).toBe('The token algorithm is not accepted');
  });

  it('when the token uses an asymmetric algorithm the HS256 deployment does not accept, answers 401', async () => {
    const token = await sign(claimsFor(), 'RS256', rsa.privateKey);
    await expectUnauthorized(request(app).get('/customers').set('Authorization', `Bearer ${token}`), true);
  });

  it('when the credentials are missing, a write answers 401 before its body is validated', async () => {
    await expectUnauthorized(request(app).post('/customers').send({ nonsense: true }), false);
  });

  it.each(['/health', '/openapi.json', '/openapi.yaml'])('when %s is called without credentials, answers 200', async (path) => {
    await request(app).get(path).expect(200);
    await request(app).get(path).set('Authorization', 'Bearer garbage').expect(200);
  });

  it('when the token is valid, the caller is the token subject', async () => {
    const res = await request(app)
      .get('/me')
      .set('Authorization', `Bearer ${await mintTestToken()}`)
      .expect(200);
    expect(res.body).toEqual(TEST_USER);
  });
});

describe('scopes from the contract', () => {
  let app: Server;
  let close: () => Promise<void>;
  const bearer = async (...scopes: string[]) => `Bearer ${await mintTestToken({ scopes })}`;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(sqlite));
  });
  afterAll(() => close());

  it.each([
    ['get', '/customers', 'customers:read', 'timeseries:read'],
    ['get', '/customers/ACME', 'customers:read', 'timeseries:read'],
    ['post', '/customers', 'customers:write', 'customers:read'],
    ['get', '/random-numbers?start_date=2026-03-01&end_date=2026-03-02', 'timeseries:read', 'customers:read'],
    ['get', '/widgets/customers', 'customers:read', 'timeseries:read'],
    ['get', '/widgets/random-numbers?start_date=2026-03-01&end_date=2026-03-02', 'timeseries:read', 'customers:read'],
  ] as const)('when %s %s is called without %s, answers a 403 problem naming it', async (method, path, needed, other) => {
    const res = await request(app)
      [method](path)
      .set('Authorization', await bearer(other))
      .expect(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 403, title: 'Forbidden', type: 'urn:problem-type:insufficient-scope' });
    expect(res.body.detail).toContain(needed);
    expect(res.headers['www-authenticate']).toBe(`Bearer realm="tutorial-api", error="insufficient_scope", scope="${needed}"`);
  });

  it('when the token grants the scope, the operation runs', async () => {
    await request(app)
      .get('/customers')
      .set('Authorization', await bearer('customers:read'))
      .expect(200);
    await request(app)
      .post('/customers')
      .set('Authorization', await bearer('customers:write'))
      .send({ customer_code: 'SCOPED', name: 'Scoped Ltd', region: 'EU' })
      .expect(201);
  });

  it('when the token has no scope at all, GET /me still answers the caller', async () => {
    const res = await request(app)
      .get('/me')
      .set('Authorization', await bearer())
      .expect(200);
    expect(res.body.id).toBe(TEST_USER.id);
  });
});

describe('identity headers a client must not assert', () => {
  let app: Server;
  let close: () => Promise<void>;
  let token: string;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(sqlite));
    token = await mintTestToken();
  });
  afterAll(() => close());

  it('when X-User-UID is sent without gateway mode and no token, answers 401 and trusts nobody', async () => {
    const body = await expectUnauthorized(
      request(app).get('/me').set('X-User-UID', '0b9d3c5e-1111-4222-8333-944455556666').set('X-Username', 'mallory'),
      false,
    );
    expect(body.detail).toMatch(/AUTH_TRUSTED_GATEWAY/);
  });

  it('when X-User-UID is sent alongside a valid token without gateway mode, answers 401 rather than picking one', async () => {
    await expectUnauthorized(
      request(app).get('/me').set('Authorization', `Bearer ${token}`).set('X-User-UID', '0b9d3c5e-1111-4222-8333-944455556666'),
      false,
    );
  });

  it('when the legacy numeric X-User-ID is sent, answers 401 even with a valid token', async () => {
    const body = await expectUnauthorized(request(app).get('/me').set('Authorization', `Bearer ${token}`).set('X-User-ID', '42'), false);
    expect(body.detail).toMatch(/X-User-ID/);
  });
});

describe('issuer and audience', () => {
  let app: Server;
  let close: () => Promise<void>;
  const env = { AUTH_JWT_ISSUER: 'https://id.example.com', AUTH_JWT_AUDIENCE: 'tutorial-api' };

  beforeAll(async () => {
    ({ app, close } = await openTestApp(sqlite, { env }));
  });
  afterAll(() => close());

  it('when issuer and audience match, answers 200', async () => {
    const token = await mintTestToken({ issuer: env.AUTH_JWT_ISSUER, audience: env.AUTH_JWT_AUDIENCE });
    await request(app).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('when the issuer is another one, answers 401', async () => {
    const token = await mintTestToken({ issuer: 'https://evil.example.com', audience: env.AUTH_JWT_AUDIENCE });
    const body = await expectUnauthorized(request(app).get('/me').set('Authorization', `Bearer ${token}`), true);
    expect(body.detail).toBe('The token was not issued by the expected issuer');
  });

  it('when the audience is another service, answers 401', async () => {
    const token = await mintTestToken({ issuer: env.AUTH_JWT_ISSUER, audience: 'another-api' });
    const body = await expectUnauthorized(request(app).get('/me').set('Authorization', `Bearer ${token}`), true);
    expect(body.detail).toBe('The token is not intended for this audience');
  });

  it('when the token carries neither, answers 401', async () => {
    await expectUnauthorized(
      request(app)
        .get('/me')
        .set('Authorization', `Bearer ${await mintTestToken()}`),
      true,
    );
  });
});

describe('authentication with a public key', () => {
  let rsaApp: Server;
  let ecApp: Server;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestApp(sqlite, { env: { AUTH_JWT_SECRET: '', AUTH_JWT_PUBLIC_KEY: publicPem(rsa.publicKey) } });
    ({ app: rsaApp, close } = opened);
    ({ app: ecApp } = await buildTestApp(opened.storage, { env: { AUTH_JWT_SECRET: '', AUTH_JWT_PUBLIC_KEY: publicPem(ec.publicKey) } }));
  });
  afterAll(() => close());

  it('when an RS256 token is signed by the private key, answers 200', async () => {
    const token = await sign(claimsFor(), 'RS256', rsa.privateKey);
    await request(rsaApp).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('when an ES256 token is signed by the private key, answers 200', async () => {
    const token = await sign(claimsFor(), 'ES256', ec.privateKey);
    await request(ecApp).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('when a token is signed with HS256 using the public key as the secret, answers 401', async () => {
    const confused = await sign(claimsFor(), 'HS256', new TextEncoder().encode(publicPem(rsa.publicKey)));
    const body = await expectUnauthorized(request(rsaApp).get('/me').set('Authorization', `Bearer ${confused}`), true);
    expect(body.detail).toBe('The token algorithm is not accepted');
  });

  it('when the token is unsecured (alg: none), answers 401', async () => {
    await expectUnauthorized(
      request(rsaApp)
        .get('/me')
        .set('Authorization', `Bearer ${unsecuredToken(claimsFor())}`),
      true,
    );
  });

  it('when the token is signed by another key, answers 401', async () => {
    const token = await sign(claimsFor(), 'ES256', ec.privateKey);
    await expectUnauthorized(request(rsaApp).get('/me').set('Authorization', `Bearer ${token}`), true);
  });
});

describe('authentication with a JWKS URL', () => {
  let app: Server;
  let jwksServer: Server;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
    ({ app, close } = await openTestApp(sqlite, { env: { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: url } }));
  });
  afterAll(async () => {
    await close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it('when the token is signed by a key in the set, answers 200', async () => {
    const token = await sign(claimsFor(), 'RS256', rsa.privateKey, 'key-1');
    await request(app).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('when the token names a key the set does not have, answers 401', async () => {
    const token = await sign(claimsFor(), 'ES256', ec.privateKey, 'key-2');
    await expectUnauthorized(request(app).get('/me').set('Authorization', `Bearer ${token}`), true);
  });
});
