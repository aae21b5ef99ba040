// The mock server: every operation answers its contract example, validated like the real server.
import type { Server } from 'node:http';

import { Ajv } from 'ajv';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveLocalRefs as deref } from '../../src/contract/local-ref-resolver.js';
import { withFormats } from '../../src/json-schema/formats.js';
import { contractOperations } from '../e2e/support/contract-operations.js';
import { type RunningServer, startServer } from '../e2e/support/server-process.js';
import { buildMockTestApp, contract } from '../support/test-app.js';

const document = contract.document as Record<string, any>;
const operations = contractOperations(document).map((o) => {
  const operation = document.paths[o.path][o.method];
  const secured = ((operation.security ?? document.security ?? []) as object[]).some((r) => Object.keys(r).length > 0);
  return { ...o, operation, secured };
});

/** A request the contract accepts, built from the examples of its parameters and body. */
function exampleRequest(op: (typeof operations)[number]) {
  let path = op.path;
  const query: Record<string, string> = {};
  for (const raw of op.operation.parameters ?? []) {
    const parameter = deref(document, raw)!;
    const schema = deref(document, parameter.schema) ?? {};
    const value = parameter.example ?? schema.example ?? schema.examples?.[0];
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
    else if (parameter.in === 'query' && parameter.required) query[parameter.name] = String(value);
  }
  const body = firstExample(deref(document, op.operation.requestBody)?.content?.['application/json']) as object | undefined;
  return { path, query, body };
}

/** The documented 2xx response of an operation: status, media type, example and schema. */
function documentedSuccess(op: (typeof operations)[number]) {
  const [status, raw] = Object.entries(op.operation.responses as Record<string, unknown>).find(([s]) => s.startsWith('2'))!;
  const response = deref(document, raw as Record<string, any>);
  const [mediaType, content] = Object.entries(response.content as Record<string, any>)[0]!;
  return { status: Number(status), mediaType, example: firstExample(content), schema: content.schema };
}

/** The value of a media type's first named example. */
function firstExample(media: { examples?: Record<string, { value: unknown }> } | undefined): unknown {
  return Object.values(media?.examples ?? {})[0]?.value;
}

function send(app: Server, op: (typeof operations)[number], extra: Record<string, string> = {}) {
  const { path, query, body } = exampleRequest(op);
  let call = request(app)[op.method as 'get' | 'post'](path).query(query);
  if (op.secured) call = call.set('Authorization', 'Bearer any-token');
  for (const [name, value] of Object.entries(extra)) call = call.set(name, value);
  return body === undefined ? call : call.send(body);
}

describe('mock server (in process)', () => {
  let app: Server;
  beforeAll(() => {
    // Served as `make mock` serves it.
    app = buildMockTestApp();
  });

  it.each(operations)('when $operationId is called as documented, answers its example, valid against the contract', async (op) => {
    const expected = documentedSuccess(op);
    const res = await send(app, op);
    expect(res.status).toBe(expected.status);
    expect(res.headers['content-type']).toContain(expected.mediaType);
    if (expected.mediaType.includes('json')) {
      expect(res.body).toEqual(expected.example);
      const validate = withFormats(new Ajv({ strict: false })).compile({ ...expected.schema, components: document.components });
      expect(validate(res.body)).toBe(true);
    } else {
      // supertest buffers images (the logo) as bytes rather than text.
      expect(res.text ?? Buffer.from(res.body as Buffer).toString('utf8')).toBe(expected.example);
    }
  });

  it('when a query parameter breaks the contract, answers the same 400 problem as the real server', async () => {
    const res = await request(app).get('/customers').query({ limit: 0 }).set('Authorization', 'Bearer any-token');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('query.limit');
  });

  it('when a body field is missing, answers a 400 problem naming it', async () => {
    const res = await request(app).post('/customers').set('Authorization', 'Bearer any-token').send({ customer_code: 'X', name: 'X' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('region');
  });

  it('when a method is not defined on a path, answers the same 405 problem with Allow as the real server', async () => {
    const res = await request(app).delete('/customers').set('Authorization', 'Bearer any-token');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST');
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('when a body comes in another media type, answers 415 as the real server does', async () => {
    const res = await request(app).post('/customers').set('Authorization', 'Bearer any-token').set('Content-Type', 'text/plain').send('hi');
    expect(res.status).toBe(415);
  });

  it('when Prefer: code=404 is sent, answers the documented 404 example', async () => {
    const res = await request(app).get('/customers/NOPE').set('Authorization', 'Bearer any-token').set('Prefer', 'code=404');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('when Prefer names a status the operation does not document, answers a 400 problem', async () => {
    const res = await request(app).get('/health').set('Prefer', 'code=418');
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('418');
  });

  it.runIf(operations.some((o) => o.secured))(
    'when a secured operation is called without a bearer token, answers a 401 problem',
    async () => {
      const op = operations.find((o) => o.secured)!;
      const { path, query } = exampleRequest(op);
      const res = await request(app)[op.method as 'get'](path).query(query);
      expect(res.status).toBe(401);
    },
  );
});

describe('make mock (the process)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ entry: 'src/cli/mock-server.ts', seed: false, portVariable: 'MOCK_PORT' });
  });
  afterAll(() => server?.stop());

  it('when started, serves the contract examples on MOCK_PORT', async () => {
    const res = await fetch(`${server.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(documentedSuccess(operations.find((o) => o.operationId === 'getHealth')!).example);
  });
});
