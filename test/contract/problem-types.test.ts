// Issue 18 item 3: every problem `type` the server sends is listed in the contract's ProblemType,
// and every listed type is one the server sends. Each type is provoked through the real app,
// served as production serves it, so the set compared is what callers can actually receive.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveLocalRefs } from '../../src/contract/local-ref-resolver.js';
import { openStorage } from '../../src/data/engine/open-storage.js';
import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import type { JsonSchema } from '../../src/json-schema/json-schema.js';
import { violationsOf } from '../../src/json-schema/strict-validator.js';
import { parseResponse, rawRequest, startHardenedServer, stopServer } from '../hardening/hardened-server.js';
import { claimsFor, rsa, sign } from '../identity/auth-test-keys.js';
import { engines } from '../support/engines.js';
import { buildTestApp, contract, mintTestToken } from '../support/test-app.js';

const document = contract.document as unknown as { components: { schemas: Record<string, JsonSchema> } };
const documentedTypes = document.components.schemas.ProblemType?.enum as string[] | undefined;
const problemSchema = resolveLocalRefs(document, document.components.schemas.Problem!);

/** An answer a caller received: status, headers and the parsed problem. */
type Answer = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

describe('problem types: the contract lists exactly what the server sends', () => {
  const sqlite = engines[0]!;
  let storage: StorageEngine;
  let close: () => Promise<void>;
  const cleanups: (() => unknown)[] = [];
  /** problem type -> the first answer that carried it. */
  const seen = new Map<string, Answer>();

  function record(res: request.Response): request.Response {
    const body = res.body as Record<string, unknown>;
    expect(res.headers['content-type'], `${res.status} ${res.text}`).toMatch(/^application\/problem\+json/);
    if (!seen.has(String(body.type)))
      seen.set(String(body.type), { status: res.status, headers: res.headers as Record<string, string>, body });
    return res;
  }

  beforeAll(async () => {
    ({ storage, close } = await sqlite.open());
    const { app, api } = await buildTestApp(storage, { env: { DOCS_HTML: '/nonexistent/docs/index.html', BODY_LIMIT_BYTES: '64' } });
    const noScopes = `Bearer ${await mintTestToken({ scopes: [] })}`;
    const customer = { customer_code: 'ACME', name: 'Acme', region: 'US' };

    record(await api.get('/customers').query({ limit: 0 }).expect(400)); // validation-error
    record(await api.get('/customers').query({ cursor: 'notACursorOfOurs' }).expect(400)); // invalid-input
    record(await api.post('/customers').set('Content-Type', 'application/json').send('{"customer_code":').expect(400)); // malformed-json
    record(
      await api.post('/customers').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('not gzip').expect(400),
    ); // bad-request
    record(
      await api
        .post('/customers')
        .send({ ...customer, name: 'x'.repeat(100) })
        .expect(413),
    ); // payload-too-large
    record(await api.post('/customers').set('Content-Type', 'text/plain').send('ACME').expect(415)); // unsupported-media-type
    record(await request(app).get('/customers').expect(401)); // unauthorized
    record(await request(app).get('/customers').set('Authorization', noScopes).expect(403)); // insufficient-scope
    record(await api.get('/customers/NOPE').expect(404)); // not-found
    await api.post('/customers').send(customer).expect(201);
    record(await api.post('/customers').send(customer).expect(409)); // conflict
    record(await api.get('/no-such-operation').expect(404)); // route-not-found
    record(await api.delete('/customers').expect(405)); // method-not-allowed
    record(await request(app).get('/docs').expect(404)); // docs-not-built
    record(await api.get('/customers').query({ access_token: 'secret' }).expect(400)); // credentials-in-url
    record(
      await api.post('/customers').set('Content-Type', 'application/json').send('{"customer_code":"A","customer_code":"B"}').expect(400),
    ); // duplicate-json-key
    record(
      await api
        .get('/customers')
        .query({ region: 'x'.repeat(9000) })
        .expect(414),
    ); // uri-too-long

    // What Node's HTTP parser refuses never reaches the app: a served process answers it.
    const raw = await startHardenedServer(storage, { HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' });
    cleanups.push(() => stopServer(raw.server));
    for (const bytes of [
      'GET /health HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n', // malformed-request
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, // request-header-fields-too-large
      'GET /health HTTP/1.1\r\nHost: x\r\n', // request-timeout
    ]) {
      const answer = parseResponse(await rawRequest(raw.port, bytes).closed());
      const body = JSON.parse(answer.body) as Record<string, unknown>;
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (!seen.has(String(body.type))) seen.set(String(body.type), { status: answer.status, headers: answer.headers, body });
    }

    const limited = await buildTestApp(storage, { env: { RATE_LIMIT_PER_MINUTE: '1' } });
    await request(limited.app).get('/openapi.json').expect(200);
    record(await request(limited.app).get('/openapi.json').expect(429)); // rate-limited (the probes never are)

    const failing = await buildTestApp(storage, {
      overrideHandlers: (handlers) => ({ ...handlers, getHealth: () => Promise.reject(new Error('a bug')) }),
    });
    record(await request(failing.app).get('/health').expect(500)); // internal-error

    const dir = mkdtempSync(join(tmpdir(), 'problem-types-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'unreadable.sqlite');
    writeFileSync(file, 'not an SQLite database '.repeat(200));
    const unreadable = await openStorage(file);
    cleanups.push(() => unreadable.destroy());
    record(
      await request((await buildTestApp(unreadable)).app)
        .get('/ready')
        .expect(503),
    ); // database-unavailable
    record(
      await request((await buildTestApp(storage, { isStopping: () => true })).app)
        .get('/ready')
        .expect(503),
    ); // shutting-down

    // A JWKS URL nobody listens on: the token cannot be checked either way.
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/jwks.json`;
    await new Promise((resolve) => closed.close(resolve));
    const jwks = await buildTestApp(storage, { env: { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: jwksUrl } });
    const token = await sign(claimsFor(), 'RS256', rsa.privateKey, 'key-1');
    record(await request(jwks.app).get('/me').set('Authorization', `Bearer ${token}`).expect(503)); // identity-provider-unavailable
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await close();
  });

  it('when the contract is read, it lists the problem types in components.schemas.ProblemType', () => {
    expect(documentedTypes).toBeDefined();
    expect(documentedTypes!.length).toBeGreaterThan(0);
  });

  it('when each kind of failure is provoked, every type the server sends is documented', () => {
    expect([...seen.keys()].filter((type) => !documentedTypes?.includes(type))).toEqual([]);
  });

  it('when each kind of failure is provoked, every documented type is one the server sends', () => {
    expect((documentedTypes ?? []).filter((type) => !seen.has(type))).toEqual([]);
  });

  it('when a problem is sent, it validates against the Problem schema and carries instance and request_id', () => {
    for (const [type, answer] of seen) {
      expect(violationsOf(problemSchema, answer.body), type).toEqual([]);
      const requestId = answer.headers['x-request-id'];
      expect(answer.body, type).toMatchObject({ status: answer.status, request_id: requestId, instance: `urn:request-id:${requestId}` });
    }
  });

  it('when a caller sends its own X-Request-Id, the problem names it', async () => {
    const { app } = await buildTestApp(storage);
    const res = await request(app).get('/customers').set('X-Request-Id', 'support-ticket-42').expect(401);
    expect(res.body).toMatchObject({ request_id: 'support-ticket-42', instance: 'urn:request-id:support-ticket-42' });
  });
});

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: Record<string, unknown> }> }> }>;
};
const resolved = resolveLocalRefs(contract.document, contract.document) as unknown as { paths: Record<string, Record<string, Operation>> };
const operations = Object.values(resolved.paths).flatMap((item) => Object.values(item));
/** Every problem example of the contract: operation, status, example name and value. */
const problemExamples = operations.flatMap((operation) =>
  Object.entries(operation.responses).flatMap(([status, response]) =>
    Object.entries(response.content?.['application/problem+json']?.examples ?? {}).map(
      ([name, example]) => [operation.operationId, status, name, example.value, operation] as const,
    ),
  ),
);

describe('problem examples: each uses a documented type and names its own operation', () => {
  it('when the contract is read, it has problem examples', () => {
    expect(problemExamples.length).toBeGreaterThan(0);
  });

  it.each(problemExamples)('%s %s %s is a valid Problem with that status', (_id, status, _name, value) => {
    expect(violationsOf(problemSchema, value)).toEqual([]);
    expect(value.status).toBe(Number(status));
  });

  it.each(problemExamples.filter(([, , , value]) => Array.isArray(value.errors)))(
    '%s %s %s names fields of that operation only (or a parameter it does not declare, as refused)',
    (_id, _status, _name, value, operation) => {
      const parameters = new Set((operation.parameters ?? []).map((p) => `${p.in}.${p.name}`));
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const bodyFields = new Set(['body', ...Object.keys(bodySchema?.properties ?? {}).map((name) => `body.${name}`)]);
      for (const error of value.errors as { field: string; message: string }[]) {
        if (error.message === 'is not a documented parameter') expect(parameters.has(error.field), error.field).toBe(false);
        else expect(parameters.has(error.field) || bodyFields.has(error.field), error.field).toBe(true);
      }
    },
  );

  it.each(problemExamples.filter(([, status]) => status === '403'))(
    '%s %s %s names the scope that operation requires',
    (_id, _status, _name, value, operation) => {
      const scopes = (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat());
      expect(scopes.some((scope) => String(value.detail).includes(`scope ${scope},`))).toBe(true);
    },
  );
});
