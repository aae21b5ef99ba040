import { createHash } from 'node:crypto';

import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deriveConnectionContract } from '../../src/command-center/connection-contract.js';
import { engines } from '../support/engines.js';
import { contract, openTestApp } from '../support/test-app.js';
import { discoveryValidator } from './discovery-contract/discovery-validator.js';

const DISCOVERY = '/.well-known/command-center/connection-contract';
const violations = discoveryValidator();
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

type Operation = {
  operationId: string;
  method: string;
  path: string;
  kind: string;
  capabilities: string[];
  parameters: Record<'path' | 'query' | 'headers', { key: string; type: string; [field: string]: unknown }[]>;
  [field: string]: unknown;
};

/** Sorted keys, no white space: what the document's own checksum is taken over. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe.each(engines)('GET /.well-known/command-center/connection-contract on $name', (engine) => {
  let app: Parameters<typeof request>[0];
  let close: () => Promise<void>;
  let document: { availableOperations: Operation[]; [field: string]: any };
  let openapiBody: string;
  let openapi: { paths: Record<string, Record<string, { operationId: string; 'x-command-center'?: unknown }>>; info: Record<string, any> };

  beforeAll(async () => {
    ({ app, close } = await openTestApp(engine));
    const discovered = await request(app).get(DISCOVERY).set('Accept', 'application/json');
    expect(discovered.status).toBe(200);
    document = discovered.body;
    const served = await request(app)
      .get('/openapi.json')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    openapiBody = served.body as string;
    openapi = JSON.parse(openapiBody);
  });
  afterAll(() => close());

  const byId = (id: string) => document.availableOperations.find((o) => o.operationId === id)!;

  it('when asked with no credentials and Accept: application/json, answers the document as JSON, without a redirect', async () => {
    const res = await request(app).get(DISCOVERY).set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.location).toBeUndefined();
  });

  it('validates against the JSON Schema 2020-12 of the discovery contract', () => {
    expect(violations(document)).toEqual([]);
  });

  it('is served exactly as derived from the loaded contract: nothing is dropped or added on the way out', () => {
    expect(document).toEqual(deriveConnectionContract(contract.document));
  });

  it('lists exactly the operations of /openapi.json, by operationId, method and path, except those marked x-command-center: false', () => {
    const declared = Object.entries(openapi.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => ({
        operationId: item[m]!.operationId,
        method: m.toUpperCase(),
        path,
        listed: item[m]!['x-command-center'] !== false,
      })),
    );
    const expected = declared.filter((o) => o.listed).map(({ operationId, method, path }) => ({ operationId, method, path }));
    expect(document.availableOperations.map(({ operationId, method, path }) => ({ operationId, method, path }))).toEqual(expected);
    expect(
      declared
        .filter((o) => !o.listed)
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(['getCommandCenterConnectionContract', 'getLogo', 'getOpenApiJson', 'getOpenApiYaml'].sort());
  });

  it('classifies the widget feeds as queries answering core.tabular_frame@v1, the create as a mutation and other reads as resources', () => {
    const kinds = Object.fromEntries(document.availableOperations.map((o) => [o.operationId, o.kind]));
    expect(kinds).toEqual({
      getHealth: 'resource',
      getReady: 'resource',
      getMe: 'resource',
      listCustomers: 'resource',
      createCustomer: 'mutation',
      getCustomer: 'resource',
      getRandomNumbers: 'resource',
      getCustomersFrame: 'query',
      getRandomNumbersFrame: 'query',
    });
    for (const id of ['getCustomersFrame', 'getRandomNumbersFrame']) {
      expect(byId(id)).toMatchObject({ capabilities: ['query'], responseContract: 'core.tabular_frame@v1' });
    }
    expect(byId('getRandomNumbersFrame').requiresTimeRange).toBe(true);
    expect(byId('getCustomersFrame').requiresTimeRange).toBe(false);
  });

  it('never offers a write as a query: every non-GET is a mutation and not query-capable', () => {
    const writes = document.availableOperations.filter((o) => o.method !== 'GET');
    expect(writes.map((o) => o.operationId)).toEqual(['createCustomer']);
    for (const write of writes) {
      expect(write.kind).toBe('mutation');
      expect(write.capabilities).not.toContain('query');
    }
  });

  it('sets supportsMaxRows exactly where a limit parameter maps the row limit', () => {
    for (const operation of document.availableOperations) {
      expect(operation.supportsMaxRows, operation.operationId).toBe(operation.parameters.query.some((p) => p.key === 'limit'));
    }
  });

  it('names a health operation that is listed, a GET with no parameters, and answers its expectedStatus without credentials', async () => {
    const health = byId(document.health.operationId);
    expect(health).toBeDefined();
    expect(health.method).toBe('GET');
    expect([...health.parameters.path, ...health.parameters.query, ...health.parameters.headers]).toEqual([]);
    expect(health.requestBody ?? null).toBeNull();
    expect(document.health).toMatchObject({ operationId: 'getHealth', expectedStatus: 200, timeoutMs: expect.any(Number) });
    const res = await request(app).get(health.path).set('Accept', 'application/json');
    expect(res.status).toBe(document.health.expectedStatus);
  });

  it('translates parameters from their schemas: integers to number with bounds and default, strings with validation, required carried over', () => {
    expect(byId('getCustomersFrame').parameters.query).toEqual([
      expect.objectContaining({
        key: 'region',
        type: 'string',
        required: false,
        example: 'US',
        validation: { pattern: '^[^\\u0000]+$', minLength: 1, maxLength: 32 },
      }),
      expect.objectContaining({
        key: 'limit',
        type: 'number',
        required: false,
        defaultValue: 50,
        example: 50,
        validation: { min: 1, max: 500 },
      }),
      expect.objectContaining({ key: 'cursor', type: 'string', required: false }),
    ]);
    expect(byId('getRandomNumbersFrame').parameters.query.map((p) => [p.key, p.type, p.required])).toEqual([
      ['start_date', 'string', true],
      ['end_date', 'string', true],
    ]);
    expect(byId('getCustomer').parameters.path).toEqual([
      expect.objectContaining({ key: 'customer_code', required: true, example: 'ACME' }),
    ]);
  });

  it('gives the create its request body with a self-contained schema that validates what the API accepts', () => {
    const body = byId('createCustomer').requestBody as { required: boolean; contentType: string; schema: object };
    expect(body).toMatchObject({ required: true, contentType: 'application/json' });
    expect(JSON.stringify(body.schema)).not.toContain('$ref');
    const validate = new Ajv2020({ strict: false }).compile(body.schema);
    expect(validate({ customer_code: 'NEW', name: 'New', region: 'EU' })).toBe(true);
    expect(validate({ customer_code: 'lower', name: 'New', region: 'EU' })).toBe(false);
    expect(validate({ customer_code: 'NEW', name: 'New' })).toBe(false);
  });

  it('describes the adapter from info, the OpenAPI document by URL and the SHA-256 of the served /openapi.json bytes', () => {
    expect(document.adapter).toMatchObject({
      type: 'adapter-from-api',
      id: 'tutorial-api',
      title: openapi.info.title,
      description: openapi.info.summary,
    });
    expect(document.openapi).toEqual({ url: '/openapi.json', version: '3.1.0', checksum: sha256(openapiBody) });
  });

  it('holds one API token, injected as a bearer token', () => {
    expect(document.secretVariables).toEqual([
      expect.objectContaining({ key: 'apiToken', type: 'secret', required: true, injection: { type: 'bearer' } }),
    ]);
    expect(document.configVariables).toEqual([]);
  });

  it('carries the checksum of its own canonical JSON, the same after a restart on another database', async () => {
    const { checksum, ...rest } = document;
    expect(checksum).toBe(sha256(canonical(rest)));
    const other = await openTestApp(engine);
    try {
      const { app: restarted } = other;
      const again = await request(restarted).get(DISCOVERY).expect(200);
      expect(again.body).toEqual(document);
    } finally {
      await other.close();
    }
  });

  it('when no public base URL is configured, has neither apiBaseUrl nor logos, whatever Host the request names', async () => {
    const res = await request(app).get(DISCOVERY).set('Host', 'attacker.example').set('X-Forwarded-Host', 'attacker.example').expect(200);
    expect(res.body).toEqual(document);
    expect(res.body).not.toHaveProperty('apiBaseUrl');
    expect(res.body.adapter).not.toHaveProperty('logo');
    expect(JSON.stringify(res.body)).not.toContain('attacker.example');
  });
});

describe.each(engines)('the discovery document with PUBLIC_BASE_URL, on $name', (engine) => {
  it('when PUBLIC_BASE_URL is set, carries it as apiBaseUrl and the x-logo made absolute under it, which the API serves', async () => {
    const { app, close } = await openTestApp(engine, { env: { PUBLIC_BASE_URL: 'https://api.example.com/tutorial/' } });
    try {
      const res = await request(app).get(DISCOVERY).set('Host', 'attacker.example').expect(200);
      expect(violations(res.body)).toEqual([]);
      expect(res.body.apiBaseUrl).toBe('https://api.example.com/tutorial');
      const logo = {
        url: 'https://api.example.com/tutorial/logo.svg',
        altText: 'Tutorial API',
        backgroundColor: '#0f172a',
        source: 'openapi.info.x-logo',
      };
      expect(res.body.adapter.logo).toEqual(logo);
      expect(res.body.openapi.logo).toEqual(logo);

      const served = await request(app).get(new URL(logo.url).pathname.replace('/tutorial', '')).expect(200);
      expect(served.headers['content-type']).toMatch(/^image\/svg\+xml/);
    } finally {
      await close();
    }
  });
});

describe.each(engines)('GET /logo.svg on $name', (engine) => {
  it('when asked with no credentials, answers the SVG, cacheable and embeddable from another origin', async () => {
    const { app, close } = await openTestApp(engine);
    try {
      const res = await request(app).get('/logo.svg').buffer(true).expect(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(Buffer.from(res.body as Buffer).toString('utf8')).toMatch(
        /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>\s*$/,
      );
      const openapi = (await request(app).get('/openapi.json').expect(200)).body;
      expect(new URL(openapi.info['x-logo'].url, 'http://127.0.0.1:8000/openapi.json').pathname).toBe('/logo.svg');
    } finally {
      await close();
    }
  });
});
