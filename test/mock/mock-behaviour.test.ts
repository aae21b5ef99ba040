// Issue 18 item 4: what the mock answers means something: Location is the created customer's
// path, Link leads to a page that exists, named examples are picked by name, generated data is
// reproducible by seed, the customers are filtered and (with MOCK_STATEFUL=1) kept.
import type { Server } from 'node:http';

import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';

import { resolveLocalRefs } from '../../src/contract/local-ref-resolver.js';
import type { JsonSchema } from '../../src/json-schema/json-schema.js';
import { violationsOf } from '../../src/json-schema/strict-validator.js';
import { buildMockTestApp, contract } from '../support/test-app.js';

const TOKEN = 'Bearer any-token';
const schemas = (contract.document as unknown as { components: { schemas: Record<string, JsonSchema> } }).components.schemas;
const customerSchema = resolveLocalRefs(contract.document, schemas.Customer!);

// The short name the assertions below were written with.
const mock = buildMockTestApp;

/** The target of a `Link: <...>; rel="next"` header. */
function nextLink(header: string | undefined): string | undefined {
  return header === undefined ? undefined : /^<([^>]+)>; rel="next"$/.exec(header)?.[1];
}

describe('the mock without MOCK_STATEFUL', () => {
  const app = mock();

  it('when a customer is created, Location is the path of the created example', async () => {
    const res = await request(app)
      .post('/customers')
      .set('Authorization', TOKEN)
      .send({ customer_code: 'DELTA', name: 'Delta Holdings', region: 'EU' })
      .expect(201);
    expect(res.headers.location).toBe(`/customers/${res.body.customer_code}`);
  });

  it('when the region filter is given, lists only that region of the example list', async () => {
    const us = await request(app).get('/customers').query({ region: 'US' }).set('Authorization', TOKEN).expect(200);
    expect(us.body.map((c: { region: string }) => c.region)).toEqual(['US', 'US']);
    const eu = await request(app).get('/customers').query({ region: 'EU' }).set('Authorization', TOKEN).expect(200);
    expect(eu.body).toEqual([]);
  });

  it('when the list fits one page, there is no Link; when it does not, Link leads to the rest and the last page has none', async () => {
    const all = await request(app).get('/customers').set('Authorization', TOKEN).expect(200);
    expect(all.headers.link).toBeUndefined();
    const first = await request(app).get('/customers').query({ limit: 1 }).set('Authorization', TOKEN).expect(200);
    const next = nextLink(first.headers.link);
    expect(next).toMatch(/^\/customers\?limit=1&cursor=/);
    const second = await request(app).get(next!).set('Authorization', TOKEN).expect(200);
    expect([...first.body, ...second.body]).toEqual(all.body);
    expect(second.headers.link).toBeUndefined();
  });

  it('when an unknown customer code is asked for, answers the 404 problem', async () => {
    const res = await request(app).get('/customers/NOPE').set('Authorization', TOKEN).expect(404);
    expect(res.body).toMatchObject({ type: 'urn:problem-type:not-found', detail: "No customer with code 'NOPE'" });
    expect(res.body.request_id).toBe(res.headers['x-request-id']);
  });

  it('when Prefer names an example, answers that example', async () => {
    const res = await request(app)
      .get('/customers/NOPE')
      .set('Authorization', TOKEN)
      .set('Prefer', 'code=400, example=unknown-parameter')
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'query.sort', message: 'is not a documented parameter' }]);
    // A problem example names this request, not the one the contract's example was written for.
    expect(res.body).toMatchObject({ request_id: res.headers['x-request-id'], instance: `urn:request-id:${res.headers['x-request-id']}` });
  });

  it('when Prefer names an example the response does not have, answers a 400 problem naming the header and the examples it has', async () => {
    const res = await request(app).get('/customers').set('Authorization', TOKEN).set('Prefer', 'example=nope').expect(400);
    expect(res.body).toMatchObject({ type: 'urn:problem-type:validation-error', errors: [{ field: 'header.prefer' }] });
    expect(res.body.detail).toContain('acme-and-gamma');
  });

  it('when Prefer asks for a 429 or a 503, Retry-After is an integer and 401 carries a Bearer challenge', async () => {
    const limited = await request(app).get('/customers').set('Authorization', TOKEN).set('Prefer', 'code=429').expect(429);
    expect(limited.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    const down = await request(app).get('/customers').set('Authorization', TOKEN).set('Prefer', 'code=503').expect(503);
    expect(down.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    const refused = await request(app).get('/customers').expect(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer realm="tutorial-api"/);
  });
});

describe('Prefer: dynamic=true', () => {
  it('when asked for generated data, answers schema-valid data, the same for the same seed and request', async () => {
    const ask = (app: Server) => request(app).get('/customers/ACME').set('Authorization', TOKEN).set('Prefer', 'dynamic=true').expect(200);
    const first = await ask(mock({ seed: 42 }));
    expect(violationsOf(customerSchema, first.body)).toEqual([]);
    expect((await ask(mock({ seed: 42 }))).body).toEqual(first.body);
    const others = await Promise.all([1, 2, 3].map(async (seed) => (await ask(mock({ seed }))).body));
    expect(others.some((body) => JSON.stringify(body) !== JSON.stringify(first.body))).toBe(true);
  });

  it('when a generated customer is created, Location follows its generated code', async () => {
    const res = await request(mock({ seed: 5 }))
      .post('/customers')
      .set('Authorization', TOKEN)
      .set('Prefer', 'dynamic=true')
      .send({ customer_code: 'X', name: 'X', region: 'EU' })
      .expect(201);
    expect(res.headers.location).toBe(`/customers/${encodeURIComponent(res.body.customer_code)}`);
  });
});

describe('the mock with MOCK_STATEFUL=1', () => {
  let app: Server;
  beforeEach(() => {
    app = mock({ stateful: true });
  });
  const create = (customer: object) => request(app).post('/customers').set('Authorization', TOKEN).send(customer);

  it('when a customer is created, the GETs that follow see it, at its Location and in its region', async () => {
    const created = await create({ customer_code: 'DELTA', name: 'Delta Holdings', region: 'EU' }).expect(201);
    expect(created.headers.location).toBe('/customers/DELTA');
    await request(app).get(created.headers.location!).set('Authorization', TOKEN).expect(200, created.body);
    const eu = await request(app).get('/customers').query({ region: 'EU' }).set('Authorization', TOKEN).expect(200);
    expect(eu.body).toEqual([created.body]);
    const us = await request(app).get('/customers').query({ region: 'US' }).set('Authorization', TOKEN).expect(200);
    expect(us.body.map((c: { customer_code: string }) => c.customer_code)).toEqual(['ACME', 'GAMMA']);
  });

  it('when a code is created twice, the second answers the 409 problem', async () => {
    await create({ customer_code: 'DELTA', name: 'Delta', region: 'EU' }).expect(201);
    const res = await create({ customer_code: 'DELTA', name: 'Delta again', region: 'EU' }).expect(409);
    expect(res.body).toMatchObject({ type: 'urn:problem-type:conflict' });
  });

  it('when the pages are walked by their Link, every customer comes once, in id order', async () => {
    for (const code of ['D1', 'D2', 'D3', 'D4']) await create({ customer_code: code, name: code, region: 'EU' }).expect(201);
    const seen: string[] = [];
    let next: string | undefined = '/customers?limit=2';
    while (next) {
      const page = await request(app).get(next).set('Authorization', TOKEN).expect(200);
      seen.push(...page.body.map((c: { customer_code: string }) => c.customer_code));
      next = nextLink(page.headers.link);
    }
    expect(seen).toEqual(['ACME', 'GAMMA', 'D1', 'D2', 'D3', 'D4']);
  });

  it('when a customer is unknown, answers 404; a mock without MOCK_STATEFUL keeps nothing', async () => {
    await request(app).get('/customers/DELTA').set('Authorization', TOKEN).expect(404);
    const stateless = mock();
    await request(stateless)
      .post('/customers')
      .set('Authorization', TOKEN)
      .send({ customer_code: 'OMEGA', name: 'Omega', region: 'EU' })
      .expect(201);
    await request(stateless).get('/customers/OMEGA').set('Authorization', TOKEN).expect(404);
  });
});
