import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_LISTED_FIELD_ERRORS } from '../../src/contract/validation-errors.js';
import { engines } from '../support/engines.js';
import { insertCustomers, manyCustomers } from '../support/fixtures.js';
import { type CapturedLogs, mintTestToken, openTestApp, type TestAgent } from '../support/test-app.js';

const sqlite = engines[0]!;

describe('URLs given loosely or with hostile content', () => {
  let app: Server;
  let api: TestAgent;
  let logs: CapturedLogs;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, api, logs, close } = await openTestApp(sqlite, { seed: (storage) => insertCustomers(storage, manyCustomers(3)) }));
  });
  afterAll(() => close());

  describe('GET /me?access_token=...', () => {
    it('issue 17 item 8: a credential in the query string is a 400 naming it, on every operation, and its value is never logged', async () => {
      const secret = 'eyJhbGciOiJIUzI1NiJ9.SECRET-IN-URL.sig';
      const cases = [
        `/me?access_token=${secret}`,
        `/customers?limit=2&Token=${secret}`,
        `/health?API_KEY=${secret}`,
        `/no-such-path?token=${secret}`,
        `/customers?access%5Ftoken=${secret}`,
      ];
      for (const url of cases) {
        const res = await request(app)
          .get(url)
          .expect(400)
          .expect('content-type', /application\/problem\+json/);
        const name = url.includes('%5F') ? 'access_token' : /[?&]([^=&]+)=eyJ/.exec(url)![1]!;
        expect(res.body.errors, url).toEqual([{ field: `query.${name}`, message: 'is a credential and is not accepted in the URL' }]);
        expect(res.text).not.toContain('SECRET-IN-URL');
      }
      // Authenticated callers too: the token in the URL is refused even when the header is right.
      await api.get(`/customers?access_token=${secret}`).expect(400);
      expect(logs.text()).not.toContain('SECRET-IN-URL');
      expect(
        logs.lines.filter((line) => (line.res as { statusCode?: number } | undefined)?.statusCode === 400).length,
      ).toBeGreaterThanOrEqual(cases.length + 1);
    });
  });

  describe('paths with extra slashes', () => {
    it('issue 17 item 9: an empty path segment is a 404 problem', async () => {
      await api.get('/customers/C0001').expect(200);
      for (const path of ['//customers/C0001', '/customers/C0001//', '//customers', '/customers//C0001', '//health']) {
        const res = await api.get(path).expect(404);
        expect(res.headers['content-type'], path).toMatch(/^application\/problem\+json/);
      }
    });

    it("issue 17 item 9: Link is built from the operation's own path, never from the path the request came in on", async () => {
      const res = await api.get('/customers/?limit=1').expect(200);
      expect(res.headers.link).toMatch(/^<\/customers\?limit=1&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
    });
  });

  describe('integers in the query', () => {
    it('issue 17 item 9: an integer is decimal digits only; 0x10, 1e2, +5, " 5", 5.0 are a 400 naming query.limit', async () => {
      for (const limit of ['0x10', '1e2', '%2B5', '%205', '5.0', '0b1', '']) {
        const res = await api.get(`/customers?limit=${limit}`).expect(400);
        expect(res.body.errors, limit).toEqual([{ field: 'query.limit', message: 'must be an integer written in decimal digits' }]);
      }
      const page = await api.get('/customers?limit=2').expect(200);
      expect(page.body).toHaveLength(2);
      await api.get('/widgets/customers?limit=0x2').expect(400);
    });
  });

  describe('very long URLs', () => {
    it('issue 17 item 11: a URL over 8 KiB is a 414 problem', async () => {
      const res = await api.get(`/customers?region=${'U'.repeat(8_200)}`).expect(414);
      expect(res.body).toMatchObject({ status: 414, title: 'URI Too Long' });
      expect(res.text.length).toBeLessThan(1_000);
      // At the bound, the request is routed and validated as usual.
      const path = '/customers?cursor=';
      await api.get(`${path}${'a'.repeat(8_192 - path.length)}`).expect(400);
    });

    it('issue 17 item 11: a 7.6 KB URL full of unknown parameters gets a small 400 listing the first names and a count', async () => {
      const names = Array.from({ length: 600 }, (_, i) => `unknown_${i}=1`);
      let query = '';
      for (const pair of names) if (`/customers?${query}&${pair}`.length <= 7_600) query = query ? `${query}&${pair}` : pair;
      const sent = query.split('&').length;
      const res = await api.get(`/customers?${query}`).expect(400);
      expect(Buffer.byteLength(res.text)).toBeLessThan(4_096);
      expect(res.body.errors).toHaveLength(MAX_LISTED_FIELD_ERRORS);
      expect(res.body.errors[0]).toEqual({ field: 'query.unknown_0', message: 'is not a documented parameter' });
      expect(res.body.detail).toMatch(new RegExp(`; and ${sent - MAX_LISTED_FIELD_ERRORS} more$`));
    });
  });
});

describe('JSON bodies given loosely', () => {
  let app: Server;
  let api: TestAgent;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, api, close } = await openTestApp(sqlite));
  });
  afterAll(() => close());

  it('issue 17 item 9: invalid UTF-8 in a JSON body is a 400 problem, not stored as U+FFFD', async () => {
    const body = Buffer.concat([
      Buffer.from('{"customer_code":"UTF8","name":"Caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('","region":"US"}'),
    ]);
    // Sent as bytes (supertest would serialize a Buffer as JSON).
    const { port } = app.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await mintTestToken()}` },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: unknown }).errors).toEqual([{ field: 'body', message: 'is not valid UTF-8' }]);
    await api.get('/customers/UTF8').expect(404);
  });

  it('issue 17 item 9: a JSON body that repeats a member name is a 400 problem naming it', async () => {
    const res = await api
      .post('/customers')
      .set('content-type', 'application/json')
      .send('{"customer_code":"DUPE","name":"Dupe","region":"US","region":"EU"}')
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'body.region', message: 'is repeated; each name may appear once per object' }]);
    const escaped = await api
      .post('/customers')
      .set('content-type', 'application/json')
      .send('{"customer_code":"DUPE","name":"Dupe","region":"US","\\u0072egion":"EU"}')
      .expect(400);
    expect(escaped.body.errors[0].field).toBe('body.region');
    await api.get('/customers/DUPE').expect(404);
    await api.post('/customers').send({ customer_code: 'DUPE', name: 'Dupe', region: 'US' }).expect(201);
  });
});
