import fc from 'fast-check';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import { describe, expect, it } from 'vitest';
import { precompileRouting } from '../../src/contract/precompiled-routing.js';
import { precompileRequestValidation } from '../../src/contract/precompiled-validation.js';
import { withFormats } from '../../src/contract/response-validators.js';
import { contract } from '../support/test-app.js';

/** The contract plus an operation with what the contract lacks: array query parameters and a string body. */
function documentUnderTest(): Document {
  const document = structuredClone(contract.document) as unknown as Document;
  document.paths!['/test-only/tags'] = {
    post: {
      operationId: 'testOnlyTags',
      parameters: [
        { name: 'tag', in: 'query', schema: { type: 'array', items: { type: 'string', maxLength: 3 } } },
        { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer' } } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
      ],
      requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } } },
      responses: { 204: { description: 'ok' } },
    },
  };
  return document;
}

/** A backend set up as the contract router sets one up, with the library's validateRequest kept aside. */
async function backend() {
  const api = new OpenAPIBackend({
    definition: documentUnderTest(),
    quick: true,
    validate: true,
    coerceTypes: true,
    ajvOpts: { allErrors: true, useDefaults: true, strict: false, validateSchema: false },
    customizeAjv: (ajv) => withFormats(ajv as never) as never,
  });
  api.validateDefinition = () => api.document;
  await api.init();
  precompileRouting(api);
  const library = api.validator.validateRequest.bind(api.validator);
  precompileRequestValidation(api);
  return { api, library };
}

const queryValue = fc.oneof(fc.constantFrom('1', '0', '-3', 'US', 'abc', '', '2025-01-01', 'true'), fc.string({ maxLength: 6 }));
const query = fc.dictionary(fc.constantFrom('tag', 'ids', 'limit', 'region', 'cursor', 'start_date', 'end_date', 'extra'), fc.oneof(queryValue, fc.array(queryValue, { maxLength: 3 })), { maxKeys: 4 });
const body = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('{"n": 1}', '{not json', 'plain text', '{"customer_code":"A","name":"B","region":"US"}'),
  fc.record({ n: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }),
  fc.record({ customer_code: fc.constantFrom('ACME', 'bad code'), name: fc.string({ maxLength: 4 }), region: fc.constantFrom('US', '') }, { requiredKeys: [] }),
);
const contentType = fc.constantFrom(undefined, 'application/json', 'text/plain');

describe('precompiled request validation', () => {
  it('gives every operation the result the library gives, errors and coerced request alike', async () => {
    const { api, library } = await backend();
    const operationIds = api.router.getOperations().map((o) => o.operationId!);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operationIds), query, body, contentType, async (operationId, q, b, type) => {
        const operation = api.router.getOperation(operationId)!;
        const path = operation.path.replace(/\{[^}]+\}/g, 'ACME');
        const request = () => ({ method: operation.method, path, query: structuredClone(q), body: b, headers: (type ? { 'content-type': type } : {}) as Record<string, string> });
        expect(api.validator.validateRequest(request(), operation)).toEqual(library(request(), operation));
      }),
      { numRuns: 600 },
    );
  });

  it('wraps a single value of an array query parameter before validating it, as the library does', async () => {
    const { api } = await backend();
    const operation = api.router.getOperation('testOnlyTags')!;
    const result = api.validator.validateRequest({ method: 'post', path: '/test-only/tags', query: { tag: 'ab', ids: '7' }, body: { n: 1 }, headers: {} }, operation);
    expect(result.errors).toBeNull();
    expect(result.coerced?.query).toEqual({ tag: ['ab'], ids: [7] });
    const refused = api.validator.validateRequest({ method: 'post', path: '/test-only/tags', query: { tag: 'abcd' }, body: '{oops', headers: {} }, operation);
    expect(refused.errors?.map((e) => e.keyword)).toEqual(expect.arrayContaining(['parse', 'maxLength']));
  });
});
