import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HandlerMap } from '../../src/contract/operation-types.js';
import { engines } from '../support/engines.js';
import { insertCustomers } from '../support/fixtures.js';
import { type CapturedLogs, openTestApp, type TestAgent } from '../support/test-app.js';

/** Handlers that break the contract at run time in ways `tsc` cannot see (values built dynamically). */
function drifting(handlers: HandlerMap): HandlerMap {
  return {
    ...handlers,
    getCustomer: async (input, context) => {
      const result = await handlers.getCustomer(input, context);
      // A row straight from a wider query: one column the contract does not list.
      return { ...result, body: { ...result.body, internal_credit_score: 712 } } as unknown as typeof result;
    },
    getHealth: () => JSON.parse('{"status": 299, "body": {"status": "ok", "version": "1"}}'),
    // A header built from data that carries a line break: sent as it is, it would inject another header.
    listCustomers: async (input, context) => {
      const result = await handlers.listCustomers(input, context);
      if (input.query.region !== 'XX') return result;
      return { ...result, headers: { Link: '</customers>; rel="next"\r\nSet-Cookie: stolen=1' } } as typeof result;
    },
    // A header whose value its schema refuses (`const: cross-origin`).
    getLogo: async (input, context) => {
      const result = (await handlers.getLogo(input, context)) as { headers: Record<string, string> };
      return { ...result, headers: { ...result.headers, 'Cross-Origin-Resource-Policy': 'same-site' } } as never;
    },
    createCustomer: async (input, context) => {
      const result = await handlers.createCustomer(input, context);
      return { status: 201, body: result.body } as typeof result;
    },
  };
}

describe.each(engines)('response validation on $name', (engine) => {
  let api: TestAgent;
  let logs: CapturedLogs;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, logs, close } = await openTestApp(engine, {
      seed: (fresh) => insertCustomers(fresh, [{ customer_code: 'ACME', name: 'Acme Capital', region: 'US' }]),
      overrideHandlers: drifting,
    }));
  });
  afterAll(() => close());

  it('when a handler returns an undocumented property, the client gets a 500 problem, not the drifted body', async () => {
    const res = await api
      .get('/customers/ACME')
      .expect(500)
      .expect('content-type', /application\/problem\+json/);
    // The request id is random and may itself hold the digits 712: only the rest must not.
    const { request_id: _requestId, instance: _instance, ...problem } = res.body as Record<string, unknown>;
    expect(JSON.stringify(problem)).not.toContain('internal_credit_score');
    expect(JSON.stringify(problem)).not.toContain('712');
    expect(res.body).toMatchObject({ status: 500, title: 'Internal Server Error' });
    const logged = logs.lines.find((l) => l.msg === 'response does not match the contract; sent 500 instead');
    expect(logged).toMatchObject({ operationId: 'getCustomer', status: 200 });
  });

  it('when a handler returns an undocumented status, the client gets a 500 problem', async () => {
    await api.get('/health').expect(500);
  });

  it('when a handler omits a required response header, the client gets a 500 problem', async () => {
    await api.post('/customers').send({ customer_code: 'NOLOC', name: 'No Location', region: 'EU' }).expect(500);
  });

  it('when a handler sets a documented header to a value its schema refuses, the client gets a 500 problem naming no header', async () => {
    const res = await api
      .get('/logo.svg')
      .expect(500)
      .expect('content-type', /application\/problem\+json/);
    expect(res.headers['cross-origin-resource-policy']).not.toBe('same-site');
    const logged = logs.lines.find(
      (l) => l.msg === 'response does not match the contract; sent 500 instead' && l.operationId === 'getLogo',
    );
    expect(JSON.stringify(logged?.errors)).toContain('header Cross-Origin-Resource-Policy');
  });

  it('when a handler sets a header value with a line break, the client gets a 500 problem and no injected header', async () => {
    const res = await api
      .get('/customers?region=XX')
      .expect(500)
      .expect('content-type', /application\/problem\+json/);
    expect(res.headers['set-cookie']).toBeUndefined();
    const logged = logs.lines.find(
      (l) => l.msg === 'response does not match the contract; sent 500 instead' && l.operationId === 'listCustomers',
    );
    expect(logged).toMatchObject({ status: 200, errors: ['header Link has a value HTTP cannot carry'] });
  });

  it('operations that keep to the contract are unaffected', async () => {
    await api.get('/customers?region=US').expect(200);
  });
});
