import type { Server } from 'node:http';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { engines } from '../support/engines.js';
import { contract, openTestApp, type TestAgent } from '../support/test-app.js';

const sqlite = engines[0]!;

describe('HTTP edges', () => {
  let app: Server;
  let api: TestAgent;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, api, close } = await openTestApp(sqlite, { env: { BODY_LIMIT_BYTES: '1024' } }));
  });
  afterAll(() => close());

  it('GET /health answers ok with the contract version', async () => {
    const res = await request(app).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', version: contract.version });
  });

  it('GET /openapi.json and /openapi.yaml serve the contract itself', async () => {
    const json = await request(app)
      .get('/openapi.json')
      .expect(200)
      .expect('content-type', /application\/json/);
    const yaml = await request(app)
      .get('/openapi.yaml')
      .expect(200)
      .expect('content-type', /application\/yaml/);
    expect(json.body).toEqual(contract.document);
    expect(parse(yaml.text)).toEqual(contract.document);
  });

  it('when the path is unknown, answers a 404 problem', async () => {
    const res = await api
      .get('/no-such-thing')
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
    expect(res.body.type).toEqual(expect.any(String));
  });

  it('when the method is wrong, answers 405 with an Allow header', async () => {
    const res = await api
      .delete('/customers')
      .expect(405)
      .expect('content-type', /problem\+json/);
    expect(res.headers.allow).toBe('GET, POST');
    const health = await request(app).post('/health').expect(405);
    expect(health.headers.allow).toBe('GET');
  });

  it('when the JSON body is malformed, answers a 400 problem', async () => {
    const res = await api.post('/customers').set('content-type', 'application/json').send('{"customer_code": ').expect(400);
    expect(res.body.errors).toContainEqual({ field: 'body', message: 'is not valid JSON' });
  });

  it('when the body exceeds the limit, answers a 413 problem', async () => {
    const res = await api
      .post('/customers')
      .send({ customer_code: 'BIG', name: 'x'.repeat(5000), region: 'US' })
      .expect(413)
      .expect('content-type', /problem\+json/);
    expect(res.body.detail).toContain('1024');
  });

  it('when the body is not JSON, answers a 415 problem', async () => {
    const res = await api.post('/customers').set('content-type', 'text/plain').send('customer_code=X').expect(415);
    expect(res.body.detail).toContain('text/plain');
  });

  it('when the body is missing, answers 400 naming body', async () => {
    const res = await api.post('/customers').expect(400);
    expect(res.body.errors).toContainEqual({ field: 'body', message: 'is required' });
  });

  it('echoes a sane X-Request-Id and invents one otherwise', async () => {
    const echoed = await request(app).get('/health').set('X-Request-Id', 'abc-123').expect(200);
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const invented = await request(app).get('/health').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never answers with a stack trace', async () => {
    const res = await api.get('/customers?limit=%ZZ').expect((r) => expect(r.status).toBeLessThan(500));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
