// Inputs the contract fuzzer once found mishandled: each is answered as documented now.
import type { Server } from 'node:http';
import { deflateSync } from 'node:zlib';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { mintTestToken, openTestApp } from '../support/test-app.js';

describe.each(engines)('unusual input on $name', (engine) => {
  let app: Server;
  let authorization: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(engine));
    authorization = `Bearer ${await mintTestToken()}`;
  });
  afterAll(() => close());

  const create = (body: unknown) =>
    request(app)
      .post('/customers')
      .set('Authorization', authorization)
      .send(body as object);

  it('when Content-Encoding says deflate but the body is plain JSON, answers a 400 problem, not a 500', async () => {
    const res = await request(app)
      .post('/customers')
      .set('Authorization', authorization)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'deflate')
      .send('{"customer_code":"X1","name":"x","region":"US"}');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/Content-Encoding/);
  });

  it('when the body really is deflated JSON, it is read', async () => {
    const { port } = app.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/customers`, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' },
      body: deflateSync(JSON.stringify({ customer_code: 'DEFLATED', name: 'Deflated', region: 'US' })),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it('when a text field holds a lone surrogate, answers 400 naming it and stores nothing', async () => {
    const res = await create({ customer_code: 'LONE1', name: 'a\ud800', region: 'US' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body.name', message: expect.stringMatching(/lone surrogate/) }]);
    await request(app).get('/customers/LONE1').set('Authorization', authorization).expect(404);
  });

  it('when a name has 101 emoji (101 characters, 202 UTF-16 units), it is within the 200-character limit and reads back as sent', async () => {
    const name = '😀'.repeat(101);
    await create({ customer_code: 'EMOJI', name, region: 'US' }).expect(201);
    const res = await request(app).get('/customers/EMOJI').set('Authorization', authorization).expect(200);
    expect(res.body.name).toBe(name);
  });

  it('when the query names __proto__, answers 400 naming it like any unknown parameter', async () => {
    const res = await request(app).get('/customers?region=US&__proto__=1').set('Authorization', authorization);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('query.__proto__');
    await request(app).get('/health?__proto__=1').expect(400);
  });
});
