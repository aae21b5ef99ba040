import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { insertCustomers, manyCustomers } from '../support/fixtures.js';
import { openTestApp, type TestAgent } from '../support/test-app.js';

describe.each(engines)('customers API on $name', (engine) => {
  let api: TestAgent;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, close } = await openTestApp(engine, {
      seed: (fresh) =>
        insertCustomers(fresh, [
          { customer_code: 'ACME', name: 'Acme Capital', region: 'US' },
          { customer_code: 'BETA', name: 'Beta Treasury', region: 'EU' },
          { customer_code: 'GAMMA', name: 'Gamma Pensions', region: 'US' },
        ]),
    }));
  });
  afterAll(() => close());

  describe('GET /customers', () => {
    it('when a region is given, answers only that region, ordered by id', async () => {
      const res = await api
        .get('/customers?region=US')
        .expect(200)
        .expect('content-type', /application\/json/);
      expect(res.body.map((c: { customer_code: string }) => c.customer_code)).toEqual(['ACME', 'GAMMA']);
      expect(Object.keys(res.body[0]).sort()).toEqual(['customer_code', 'id', 'name', 'region']);
    });

    it('when no region is given, answers every customer up to the default limit', async () => {
      const res = await api.get('/customers').expect(200);
      expect(res.body).toHaveLength(3);
      expect(res.headers.link).toBeUndefined();
    });

    it.each([
      ['limit=0', 'query.limit'],
      ['limit=501', 'query.limit'],
      ['limit=abc', 'query.limit'],
      ['limit=1.5', 'query.limit'],
      ['region=', 'query.region'],
      [`region=${'X'.repeat(33)}`, 'query.region'],
      ['regoin=US', 'query.regoin'],
      ['cursor=not-ours', 'query.cursor'],
    ])('when %s, answers a 400 problem naming %s', async (query, field) => {
      const res = await api
        .get(`/customers?${query}`)
        .expect(400)
        .expect('content-type', /application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.body.detail).toContain(field.replace(/^query\./, ''));
    });
  });

  describe('issue 17 item 5: forged cursor outside the id range', () => {
    const forged = (after: unknown) => Buffer.from(JSON.stringify({ after })).toString('base64url');

    it.each([
      ['eyJhZnRlciI6MjE0NzQ4MzY0OH0', 'after=2147483648, as seen'],
      [forged(2 ** 40), 'after=2^40'],
      [forged(-1), 'after=-1'],
      [forged(1.5), 'after=1.5'],
      [forged('7'), 'after="7"'],
    ])('when the cursor is %s (%s), answers a 400 problem naming cursor, not a 500 or an empty page', async (cursor) => {
      const res = await api
        .get(`/customers?cursor=${cursor}`)
        .expect(400)
        .expect('content-type', /application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.cursor']);
    });

    it('when the cursor is the last id the column can hold, answers 200 with no rows', async () => {
      const res = await api.get(`/customers?cursor=${forged(2 ** 31 - 1)}`).expect(200);
      expect(res.body).toEqual([]);
    });
  });

  describe('GET /customers/{customer_code}', () => {
    it('when the code exists, answers the customer', async () => {
      const res = await api.get('/customers/BETA').expect(200);
      expect(res.body).toMatchObject({ customer_code: 'BETA', name: 'Beta Treasury', region: 'EU' });
    });

    it('when the code does not exist, answers a 404 problem', async () => {
      const res = await api
        .get('/customers/NOPE')
        .expect(404)
        .expect('content-type', /problem\+json/);
      expect(res.body.detail).toContain('NOPE');
    });

    it('when the code breaks the pattern, answers a 400 naming path.customer_code', async () => {
      const res = await api.get('/customers/lower').expect(400);
      expect(res.body.errors[0].field).toBe('path.customer_code');
    });
  });

  describe('POST /customers', () => {
    it('when the body is valid, creates the customer with a Location header', async () => {
      const res = await api.post('/customers').send({ customer_code: 'DELTA', name: 'Delta Holdings', region: 'EU' }).expect(201);
      expect(res.headers.location).toBe('/customers/DELTA');
      expect(res.body).toMatchObject({ customer_code: 'DELTA', region: 'EU' });
      await api.get('/customers/DELTA').expect(200);
    });

    it('when the code exists, answers 409 with a problem and changes nothing', async () => {
      const res = await api
        .post('/customers')
        .send({ customer_code: 'ACME', name: 'Impostor', region: 'EU' })
        .expect(409)
        .expect('content-type', /problem\+json/);
      expect(res.body.detail).toContain('ACME');
      const acme = await api.get('/customers/ACME').expect(200);
      expect(acme.body.name).toBe('Acme Capital');
    });

    it('when fields are wrong or extra, answers 400 naming each', async () => {
      const res = await api.post('/customers').send({ customer_code: 'bad code', name: '', region: 'US', extra: 1 }).expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['body.customer_code', 'body.name', 'body.extra']));
    });

    it('when a required field is missing, answers 400 naming it', async () => {
      const res = await api.post('/customers').send({ customer_code: 'OMEGA', name: 'Omega' }).expect(400);
      expect(res.body.errors).toContainEqual({ field: 'body.region', message: 'is required' });
    });
  });
});

describe.each(engines)('customer paging on $name', (engine) => {
  it('walking Link headers with limit=7 returns every row exactly once, in order, while rows are added', async () => {
    const { api, storage, close } = await openTestApp(engine, { seed: (fresh) => insertCustomers(fresh, manyCustomers(300)) });
    try {
      const seen: number[] = [];
      let next: string | undefined = '/customers?limit=7';
      let pages = 0;
      while (next) {
        const res: request.Response = await api.get(next).expect(200);
        seen.push(...res.body.map((c: { id: number }) => c.id));
        if (pages === 3) await insertCustomers(storage, manyCustomers(5, 'LATE'));
        pages += 1;
        const link: string | undefined = res.headers.link;
        next = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
        expect(res.body.length).toBeLessThanOrEqual(7);
      }
      expect(seen).toHaveLength(305);
      expect(new Set(seen).size).toBe(305);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    } finally {
      await close();
    }
  });

  it('a region filter is kept across pages', async () => {
    const { api, close } = await openTestApp(engine, { seed: (fresh) => insertCustomers(fresh, manyCustomers(40)) });
    try {
      const first = await api.get('/customers?region=EU&limit=4').expect(200);
      expect(first.headers.link).toMatch(/region=EU/);
      const url = /^<([^>]+)>/.exec(String(first.headers.link))![1]!;
      const second = await api.get(url).expect(200);
      expect(second.body.every((c: { region: string }) => c.region === 'EU')).toBe(true);
      expect(second.body[0].id).toBeGreaterThan(first.body[3].id);
    } finally {
      await close();
    }
  });
});
