// End-to-end: the real server as a child process, every operation called through the typed
// client, success and error paths. The case list is checked against openapi.yaml, so an
// operation added to the contract without a case here fails this suite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createClient, paginate, ProblemError, type TutorialApiClient, unwrap } from '../../clients/typescript/src/index.js';
import { mintTestToken } from '../support/test-token.js';
import { contractOperations, contractRequiresAuth, readContract } from './support/contract-operations.js';
import { type RunningServer, startServer } from './support/server-process.js';

const contract = readContract();
const declared = contractOperations(contract).map((o) => o.operationId);
const authOn = contractRequiresAuth(contract);
const covered = new Set<string>();

/** Declares the e2e cases of one operation; skipped when the contract does not have it (yet). */
function operation(operationId: string, cases: () => void): void {
  covered.add(operationId);
  describe.skipIf(!declared.includes(operationId))(operationId, cases);
}

/** A problem thrown by `unwrap`, for asserting on error paths. */
async function problemOf(call: Promise<unknown>): Promise<ProblemError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return error as ProblemError;
}

function days(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

let server: RunningServer;
/** The seeded server without the random-number series, for the "not produced yet" paths. */
let unseeded: RunningServer;
let api: TutorialApiClient;
let empty: TutorialApiClient;
let token: string;

beforeAll(async () => {
  [server, unseeded] = await Promise.all([startServer(), startServer({ seed: false })]);
  token = await mintTestToken();
  api = createClient({ baseUrl: server.baseUrl, token });
  empty = createClient({ baseUrl: unseeded.baseUrl, token: () => token });
});
afterAll(async () => {
  await Promise.all([server?.stop(), unseeded?.stop()]);
});

describe('the e2e suite', () => {
  it('has a case for every operation in openapi.yaml', () => {
    expect(declared.filter((id) => !covered.has(id))).toEqual([]);
  });
});

operation('getHealth', () => {
  it('when the server is up, answers ok with the contract version', async () => {
    const health = unwrap(await api.GET('/health'));
    expect(health).toEqual({ status: 'ok', version: contract.info.version });
  });

  it('when an unknown query parameter is sent, answers a 400 problem naming it', async () => {
    const { error, response } = await api.GET('/health', { params: { query: { verbose: 1 } as never } });
    expect(response.status).toBe(400);
    expect(error?.errors?.map((e) => e.field)).toContain('query.verbose');
  });
});

operation('getReady', () => {
  it('when the database answers, answers ready', async () => {
    expect(unwrap(await api.GET('/ready'))).toEqual({ status: 'ready' });
  });

  it('when the database file cannot be read, answers a 503 problem with Retry-After while /health stays ok', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tutorial-api-unreadable-'));
    const file = join(dir, 'not-a-database.sqlite');
    writeFileSync(file, 'this is not an SQLite database, it only has its name'.repeat(100));
    const broken = await startServer({ seed: false, env: { DATABASE_URL: file } });
    try {
      const client = createClient({ baseUrl: broken.baseUrl });
      const { error, response } = await client.GET('/ready');
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(error?.detail).toMatch(/database file cannot be opened or read/);
      expect(unwrap(await client.GET('/health')).status).toBe('ok');
    } finally {
      await broken.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

operation('getOpenApiJson', () => {
  it('when asked, answers the contract the server enforces', async () => {
    const document = unwrap(await api.GET('/openapi.json'));
    expect(document).toMatchObject({ openapi: contract.openapi, info: { version: contract.info.version } });
  });

  it('when an unknown query parameter is sent, answers a 400 problem', async () => {
    const problem = await problemOf(api.GET('/openapi.json', { params: { query: { x: 1 } as never } }).then(unwrap));
    expect(problem.status).toBe(400);
    expect(problem.response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

operation('getOpenApiYaml', () => {
  it('when asked, answers the YAML text as written', async () => {
    const text = unwrap(await api.GET('/openapi.yaml', { parseAs: 'text' }));
    expect(text).toMatch(/^openapi: 3\.1/);
    expect(text).toContain(`version: ${contract.info.version}`);
  });

  it('when an unknown query parameter is sent, answers a 400 problem', async () => {
    const { error, response } = await api.GET('/openapi.yaml', { params: { query: { x: 1 } as never } });
    expect(response.status).toBe(400);
    expect(error?.status).toBe(400);
  });
});

operation('getCommandCenterConnectionContract', () => {
  it('when asked without a token, answers the discovery document listing the operations Command Center may call', async () => {
    const anonymous = createClient({ baseUrl: server.baseUrl });
    const document = unwrap(await anonymous.GET('/.well-known/command-center/connection-contract'));
    expect(document).toMatchObject({ contractVersion: 1, adapter: { type: 'adapter-from-api' }, health: { operationId: 'getHealth' } });
    expect(document.availableOperations.map((o) => o.operationId)).toContain('getCustomersFrame');
  });

  it('when an unknown query parameter is sent, answers a 400 problem', async () => {
    const problem = await problemOf(
      api.GET('/.well-known/command-center/connection-contract', { params: { query: { x: 1 } as never } }).then(unwrap),
    );
    expect(problem.status).toBe(400);
  });
});

operation('getLogo', () => {
  it('when asked without a token, answers the SVG logo, cacheable', async () => {
    const anonymous = createClient({ baseUrl: server.baseUrl });
    const { data, response } = await anonymous.GET('/logo.svg', { parseAs: 'text' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=/);
    expect(data).toContain('<svg');
  });

  it('when an unknown query parameter is sent, answers a 400 problem', async () => {
    const { response } = await api.GET('/logo.svg', { params: { query: { x: 1 } as never }, parseAs: 'text' });
    expect(response.status).toBe(400);
  });
});

operation('listCustomers', () => {
  it('when a region is given, answers only that region, ordered by id', async () => {
    const customers = unwrap(await api.GET('/customers', { params: { query: { region: 'EU' } } }));
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.every((c) => c.region === 'EU')).toBe(true);
    expect(customers.map((c) => c.id)).toEqual([...customers.map((c) => c.id)].sort((a, b) => a - b));
  });

  it('when paging with a small limit, the Link next pages return every customer once', async () => {
    const all = unwrap(await api.GET('/customers', { params: { query: { limit: 500 } } }));
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const { data, response } = await api.GET('/customers', { params: { query: { limit: 3, ...(cursor ? { cursor } : {}) } } });
      seen.push(...(data ?? []).map((c) => c.id));
      const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
      cursor = next ? (new URL(next, server.baseUrl).searchParams.get('cursor') ?? undefined) : undefined;
    } while (cursor);
    expect(seen).toEqual(all.map((c) => c.id));
  });

  it('when walked with paginate() three at a time, yields every customer of a region once, in order', async () => {
    const all = unwrap(await api.GET('/customers', { params: { query: { region: 'US', limit: 500 } } }));
    const walked: number[] = [];
    for await (const customer of paginate(api, '/customers', { params: { query: { region: 'US', limit: 3 } } })) walked.push(customer.id);
    expect(all.length).toBeGreaterThan(3);
    expect(walked).toEqual(all.map((c) => c.id));
  });

  it('when the limit is out of bounds, answers a 400 problem naming query.limit', async () => {
    const problem = await problemOf(api.GET('/customers', { params: { query: { limit: 0 } } }).then(unwrap));
    expect(problem.problem.errors?.map((e) => e.field)).toContain('query.limit');
  });
});

operation('getCustomer', () => {
  it('when the code exists, answers the customer', async () => {
    const customer = unwrap(await api.GET('/customers/{customer_code}', { params: { path: { customer_code: 'ACME' } } }));
    expect(customer).toMatchObject({ customer_code: 'ACME', name: 'Acme Capital', region: 'US' });
  });

  it('when the code does not exist, answers a 404 problem', async () => {
    const { error, response } = await api.GET('/customers/{customer_code}', { params: { path: { customer_code: 'NOPE' } } });
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('when the code is malformed, answers a 400 problem naming path.customer_code', async () => {
    const { error } = await api.GET('/customers/{customer_code}', { params: { path: { customer_code: 'not valid' } } });
    expect(error?.errors?.map((e) => e.field)).toContain('path.customer_code');
  });
});

operation('createCustomer', () => {
  const fresh = { customer_code: 'E2E_NEW', name: 'End To End Ltd', region: 'EU' };

  it('when the code is new, answers 201 with the customer and its Location', async () => {
    const { data, response } = await api.POST('/customers', { body: fresh });
    expect(response.status).toBe(201);
    expect(data).toMatchObject(fresh);
    expect(response.headers.get('location')).toMatch(/\/customers\/E2E_NEW$/);
    const again = unwrap(await api.GET('/customers/{customer_code}', { params: { path: { customer_code: 'E2E_NEW' } } }));
    expect(again.id).toBe(data?.id);
  });

  it('when the code already exists, answers a 409 problem', async () => {
    const problem = await problemOf(api.POST('/customers', { body: { ...fresh, customer_code: 'ACME' } }).then(unwrap));
    expect(problem.status).toBe(409);
  });

  it('when a required field is missing, answers a 400 problem naming it', async () => {
    const { error } = await api.POST('/customers', { body: { customer_code: 'E2E_X', name: 'X' } as never });
    expect(error?.status).toBe(400);
    expect(JSON.stringify(error?.errors)).toContain('region');
  });

  it('when the body is not JSON, answers a 415 problem', async () => {
    const { error, response } = await api.POST('/customers', {
      body: fresh,
      bodySerializer: () => 'customer_code=X',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(error?.status).toBe(415);
  });

  it('when the body is larger than the limit, answers a 413 problem', async () => {
    const { error } = await api.POST('/customers', { body: { ...fresh, name: 'x'.repeat(200_000) } });
    expect(error?.status).toBe(413);
  });
});

operation('getRandomNumbers', () => {
  it('when the range covers produced days, answers the rows oldest first', async () => {
    const series = unwrap(await api.GET('/random-numbers', { params: { query: { start_date: days(-5), end_date: days(0) } } }));
    expect(series.rows.length).toBeGreaterThan(0);
    expect(series.rows.map((r) => r.time_index)).toEqual([...series.rows.map((r) => r.time_index)].sort());
  });

  it('when end_date is missing, answers a 400 problem naming it', async () => {
    const { error } = await api.GET('/random-numbers', { params: { query: { start_date: days(-5) } as never } });
    expect(error?.errors?.map((e) => e.field)).toContain('query.end_date');
  });

  it('when the series has not been produced, answers a 404 problem', async () => {
    const { error } = await empty.GET('/random-numbers', { params: { query: { start_date: days(-5), end_date: days(0) } } });
    expect(error?.status).toBe(404);
  });
});

operation('getCustomersFrame', () => {
  it('when asked, answers a ready frame with the customer columns', async () => {
    const frame = unwrap(await api.GET('/widgets/customers', { params: { query: { region: 'US', limit: 2 } } }));
    expect(frame.status).toBe('ready');
    expect(frame.columns).toEqual(['id', 'customer_code', 'name', 'region']);
    expect(frame.rows).toHaveLength(2);
  });

  it('when the limit is too large, answers a 400 problem', async () => {
    const { error } = await api.GET('/widgets/customers', { params: { query: { limit: 501 } } });
    expect(error?.errors?.map((e) => e.field)).toContain('query.limit');
  });
});

operation('getRandomNumbersFrame', () => {
  it('when the range covers produced days, answers a time-series frame', async () => {
    const frame = unwrap(await api.GET('/widgets/random-numbers', { params: { query: { start_date: days(-5), end_date: days(0) } } }));
    expect(frame.status).toBe('ready');
    expect(frame.meta?.timeSeries).toMatchObject({ shape: 'long', timeField: 'time_index' });
    expect(frame.rows.length).toBeGreaterThan(0);
  });

  it('when start_date is not a date, answers a 400 problem', async () => {
    const { error } = await api.GET('/widgets/random-numbers', { params: { query: { start_date: '2026-02-30', end_date: days(0) } } });
    expect(error?.errors?.map((e) => e.field)).toContain('query.start_date');
  });

  it('when the series has not been produced, answers a 404 problem', async () => {
    const { error } = await empty.GET('/widgets/random-numbers', { params: { query: { start_date: days(-5), end_date: days(0) } } });
    expect(error?.status).toBe(404);
  });
});

/** Calls a path the generated types may not know yet (GET /me lands with authentication). */
type UntypedGet = (path: string) => Promise<{ data?: any; error?: any; response: Response }>;

operation('getMe', () => {
  it('when the token is valid, answers the caller it names', async () => {
    const sub = '7a0f3a52-3b0c-4f0e-9d49-2f6f1c0e2b11';
    const me = createClient({ baseUrl: server.baseUrl, token: await mintTestToken({ sub, username: 'ada' }) });
    const { data, response } = await (me.GET as unknown as UntypedGet)('/me');
    expect(response.status).toBe(200);
    expect(JSON.stringify(data)).toContain(sub);
  });

  it('when no token is sent, answers a 401 problem', async () => {
    const anonymous = createClient({ baseUrl: server.baseUrl });
    const { error, response } = await (anonymous.GET as unknown as UntypedGet)('/me');
    expect(response.status).toBe(401);
    expect(error?.status).toBe(401);
  });
});

describe.skipIf(!authOn)('authentication through the client', () => {
  it('when no token is sent, a protected operation answers a 401 problem', async () => {
    const anonymous = createClient({ baseUrl: server.baseUrl });
    const { response } = await anonymous.GET('/customers');
    expect(response.status).toBe(401);
  });

  it('when the token is expired, answers a 401 problem', async () => {
    const stale = createClient({ baseUrl: server.baseUrl, token: await mintTestToken({ ttlSeconds: -60 }) });
    const { response } = await stale.GET('/customers');
    expect(response.status).toBe(401);
  });

  it('when the token lacks the write scope, creating a customer answers a 403 problem', async () => {
    const reader = createClient({ baseUrl: server.baseUrl, token: await mintTestToken({ scopes: ['customers:read'] }) });
    const { response } = await reader.POST('/customers', { body: { customer_code: 'E2E_RO', name: 'Read Only', region: 'EU' } });
    expect(response.status).toBe(403);
  });
});
