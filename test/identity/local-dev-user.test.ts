import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config.js';
import { LOCAL_DEV_USER } from '../../src/identity/local-dev-user.js';
import { engines } from '../support/engines.js';
import { insertCustomers, manyCustomers } from '../support/fixtures.js';
import { buildTestApp, mintTestToken, openTestApp, TEST_USER } from '../support/test-app.js';

type App = Parameters<typeof request>[0];

describe('AUTH_LOCAL_DEV_USER in the configuration', () => {
  it('is off by default', () => {
    expect(loadConfig({}).localDevUser).toBe(false);
  });

  it.each(['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'])('when HOST=%s (loopback), turns it on', (host) => {
    expect(loadConfig({ AUTH_LOCAL_DEV_USER: '1', HOST: host }).localDevUser).toBe(true);
  });

  it.each([
    [{ AUTH_LOCAL_DEV_USER: '1', NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(40) }, /^AUTH_LOCAL_DEV_USER: .*NODE_ENV=production/],
    [{ AUTH_LOCAL_DEV_USER: '1', HOST: '0.0.0.0' }, /^AUTH_LOCAL_DEV_USER: .*HOST=0\.0\.0\.0 is not a loopback address/],
    [{ AUTH_LOCAL_DEV_USER: '1', HOST: '192.168.1.20' }, /^AUTH_LOCAL_DEV_USER: .*HOST=192\.168\.1\.20/],
    [{ AUTH_LOCAL_DEV_USER: 'yes' }, /^AUTH_LOCAL_DEV_USER: must be 1 or 0/],
  ])('when %j, refuses with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe.each(engines)('a request without credentials under AUTH_LOCAL_DEV_USER=1, on $name', (engine) => {
  let local: App;
  let regular: App;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestApp(engine, {
      seed: (fresh) => insertCustomers(fresh, manyCustomers(3)),
      env: { AUTH_LOCAL_DEV_USER: '1' },
    });
    ({ app: local, close } = opened);
    ({ app: regular } = await buildTestApp(opened.storage));
  });
  afterAll(() => close());

  it('when the setting is off, a read without credentials is still a 401', async () => {
    await request(regular).get('/widgets/customers').expect(401);
  });

  it('when nothing identifies the caller, acts as the local development user', async () => {
    const res = await request(local).get('/me').expect(200);
    expect(res.body).toEqual(LOCAL_DEV_USER);
  });

  it.each(['/customers', '/widgets/customers', '/customers/C0001'])(
    'when GET %s is asked without credentials, answers it (read scopes)',
    async (path) => {
      await request(local).get(path).set('Accept', 'application/json').expect(200);
    },
  );

  it('when a write is sent without credentials, refuses it with 403 naming customers:write (read scopes only)', async () => {
    const res = await request(local).post('/customers').send({ customer_code: 'NOPE', name: 'Nope', region: 'US' }).expect(403);
    expect(res.body.detail).toContain('customers:write');
  });

  it('when the request sends a bad token, authenticates it normally: 401', async () => {
    const res = await request(local).get('/widgets/customers').set('Authorization', 'Bearer not-a-token').expect(401);
    expect(res.headers['www-authenticate']).toContain('invalid_token');
  });

  it("when the request sends a valid token, it is that caller, with that token's scopes", async () => {
    const token = await mintTestToken();
    const me = await request(local).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.id).toBe(TEST_USER.id);
    await request(local)
      .post('/customers')
      .set('Authorization', `Bearer ${token}`)
      .send({ customer_code: 'MINE', name: 'Mine', region: 'US' })
      .expect(201);
  });

  it('when the request sends gateway identity headers this mode does not trust, refuses them rather than acting as the developer', async () => {
    await request(local).get('/me').set('X-User-UID', TEST_USER.id).expect(401);
  });
});
