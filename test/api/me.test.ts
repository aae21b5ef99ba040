import type { Server } from 'node:http';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { mintTestToken, openTestApp, TEST_USER, type TestAgent } from '../support/test-app.js';

describe.each(engines)('GET /me on $name', (engine) => {
  let app: Server;
  let api: TestAgent;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, api, close } = await openTestApp(engine));
  });
  afterAll(() => close());

  it('when the caller is authenticated, answers its id, username and email', async () => {
    const res = await api
      .get('/me')
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(res.body).toEqual({ id: TEST_USER.id, username: TEST_USER.username, email: TEST_USER.email });
  });

  it('when the token has no email or username, answers email null and the UID as username', async () => {
    const sub = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
    const token = await mintTestToken({ sub, username: undefined, email: null });
    const res = await request(app).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toEqual({ id: sub, username: sub, email: null });
  });

  it('when the token carries extra claims, the answer still has exactly the documented fields', async () => {
    const res = await request(app)
      .get('/me')
      .set('Authorization', `Bearer ${await mintTestToken({ issuer: 'x', audience: 'y' })}`)
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['email', 'id', 'username']);
  });

  it('when no credentials are sent, answers a 401 problem with a Bearer challenge', async () => {
    const res = await request(app)
      .get('/me')
      .expect(401)
      .expect('content-type', /application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="tutorial-api"');
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('when an unknown query parameter is sent, answers a 400 problem naming it', async () => {
    const res = await api.get('/me?as=admin').expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('query.as');
  });
});
