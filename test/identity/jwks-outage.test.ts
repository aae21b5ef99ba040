import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { exportJWK } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { engines } from '../support/engines.js';
import { buildTestApp } from '../support/test-app.js';
import { claimsFor, rsa, sign } from './auth-test-keys.js';

const sqlite = engines[0]!;

/** A local key-set endpoint answering as `listener` does, and its URL. */
async function jwksEndpoint(listener: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`, server };
}

describe('issue 17 item 4: unreachable or failing JWKS endpoint', () => {
  let storage: StorageEngine;
  let close: () => Promise<void>;
  let goodKeySet: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    ({ storage, close } = await sqlite.open());
    goodKeySet = JSON.stringify({ keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }] });
  });
  afterAll(async () => {
    await close();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** A fresh app (so no key set is cached yet) verifying tokens against `url`. */
  async function appUsing(url: string): Promise<Server> {
    return (await buildTestApp(storage, { env: { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: url } })).app;
  }

  async function appWithEndpoint(listener: RequestListener): Promise<Server> {
    const { url, server } = await jwksEndpoint(listener);
    servers.push(server);
    return appUsing(url);
  }

  /** A URL on which nothing listens: connections are refused. */
  async function unreachableUrl(): Promise<string> {
    const { url, server } = await jwksEndpoint(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    return url;
  }

  const wellFormedToken = () => sign(claimsFor(), 'RS256', rsa.privateKey, 'key-1');

  async function expectProviderUnavailable(app: Server): Promise<void> {
    const res = await request(app)
      .get('/me')
      .set('Authorization', `Bearer ${await wellFormedToken()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(res.body).toMatchObject({ type: 'urn:problem-type:identity-provider-unavailable', status: 503 });
    expect(res.body.detail).not.toContain('127.0.0.1');
  }

  it('when the JWKS endpoint is unreachable, a well-formed token answers 503 with Retry-After, not 500', async () => {
    await expectProviderUnavailable(await appUsing(await unreachableUrl()));
  });

  it('when the JWKS endpoint answers 500, a well-formed token answers 503 with Retry-After, not 401 "malformed"', async () => {
    await expectProviderUnavailable(
      await appWithEndpoint((_req, res) => {
        res.statusCode = 500;
        res.end('upstream exploded');
      }),
    );
  });

  it('when the JWKS endpoint answers 200 with something that is not a key set, answers 503', async () => {
    await expectProviderUnavailable(await appWithEndpoint((_req, res) => res.end('<html>maintenance</html>')));
  });

  it('when the JWKS endpoint is unreachable, a token that is not a JWT at all still answers 401', async () => {
    const app = await appUsing(await unreachableUrl());
    await request(app).get('/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
  });

  it('when the JWKS endpoint is fine, a good token answers 200 and a bad signature or an unknown key answers 401', async () => {
    const app = await appWithEndpoint((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(goodKeySet);
    });
    await request(app)
      .get('/me')
      .set('Authorization', `Bearer ${await wellFormedToken()}`)
      .expect(200);
    const [header, payload] = (await wellFormedToken()).split('.');
    const resigned = await sign(claimsFor({ scope: 'customers:write' }), 'RS256', rsa.privateKey, 'key-1');
    await request(app)
      .get('/me')
      .set('Authorization', `Bearer ${header}.${payload}.${resigned.split('.')[2]}`)
      .expect(401);
    await request(app)
      .get('/me')
      .set('Authorization', `Bearer ${await sign(claimsFor(), 'RS256', rsa.privateKey, 'key-9')}`)
      .expect(401);
  });
});
