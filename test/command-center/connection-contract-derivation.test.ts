// The discovery document is derived from openapi.yaml, never listed by hand: what the contract
// says (and only that) changes it, and a contract that contradicts itself stops start-up with a
// message naming the operation.
import { describe, expect, it } from 'vitest';

import { deriveConnectionContract } from '../../src/command-center/connection-contract.js';
import { CommandCenterContractError } from '../../src/command-center/discovery-types.js';
import { contract } from '../support/test-app.js';

type Doc = Record<string, any>;

/** A copy of the real contract, changed by `edit`. */
function contractWith(edit: (document: Doc) => void): Doc {
  const document = structuredClone(contract.document) as Doc;
  edit(document);
  return document;
}

/** A GET the tests add to the contract. */
function extraOperation(overrides: Doc = {}): Doc {
  return {
    operationId: 'getThings',
    summary: 'Things',
    description: 'Some things.',
    tags: ['system'],
    security: [{ bearerAuth: ['things:read'] }],
    'x-command-center': { kind: 'resource', label: 'Things' },
    responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } },
    ...overrides,
  };
}

const derive = (document: Doc, options = {}) => deriveConnectionContract(document, options);
const operation = (document: Doc, id: string) => derive(document).availableOperations.find((o) => o.operationId === id);

describe('deriving the discovery document from the contract', () => {
  it('when an operation is added with x-command-center, it is listed; with x-command-center: false, it is not', () => {
    const added = contractWith((d) => (d.paths['/things'] = { get: extraOperation() }));
    expect(operation(added, 'getThings')).toMatchObject({
      method: 'GET',
      path: '/things',
      kind: 'resource',
      capabilities: ['resource'],
      label: 'Things',
    });
    const hidden = contractWith((d) => (d.paths['/things'] = { get: extraOperation({ 'x-command-center': false }) }));
    expect(operation(hidden, 'getThings')).toBeUndefined();
  });

  it('when the same contract is derived twice, the documents and checksums are equal; when it changes, the checksums change', () => {
    const first = derive(contract.document);
    expect(derive(structuredClone(contract.document))).toEqual(first);
    const edited = derive(contractWith((d) => (d.paths['/health'].get.description = 'Changed.')));
    expect(edited.checksum).not.toBe(first.checksum);
    expect(edited.openapi.checksum).not.toBe(first.openapi.checksum);
    expect(derive(contract.document, { publicBaseUrl: 'https://api.example.com' }).checksum).not.toBe(first.checksum);
  });

  it.each([
    ['no x-command-center', (d: Doc) => delete d.paths['/me'].get['x-command-center'], /getMe: missing/],
    [
      'an unknown key in it',
      (d: Doc) => (d.paths['/me'].get['x-command-center'].kindd = 'query'),
      /getMe: .*additional properties \(kindd\)/,
    ],
    [
      'a write that is not a mutation',
      (d: Doc) => (d.paths['/customers'].post['x-command-center'].kind = 'resource'),
      /createCustomer: .*kind must be mutation/,
    ],
    [
      'a write offered as a query',
      (d: Doc) => (d.paths['/customers'].post['x-command-center'].capabilities = ['mutation', 'query']),
      /createCustomer: a write must never be query-capable/,
    ],
    [
      'a query without its responseContract',
      (d: Doc) => delete d.paths['/widgets/customers'].get['x-command-center'].responseContract,
      /getCustomersFrame: a query-capable operation must name its responseContract/,
    ],
    [
      'a responseContract its response does not declare',
      (d: Doc) => (d.paths['/customers'].get['x-command-center'].responseContract = 'core.tabular_frame@v1'),
      /listCustomers: responseContract core.tabular_frame@v1 is not what its success response declares/,
    ],
    [
      'supportsMaxRows without a limit parameter',
      (d: Doc) => (d.paths['/me'].get['x-command-center'].supportsMaxRows = true),
      /getMe: supportsMaxRows needs a query parameter named limit/,
    ],
    [
      'no health check',
      (d: Doc) => delete d.paths['/health'].get['x-command-center'].healthCheck,
      /exactly one operation must have healthCheck, found none/,
    ],
    ['two health checks', (d: Doc) => (d.paths['/ready'].get['x-command-center'].healthCheck = {}), /found getHealth, getReady/],
    [
      'a health check that needs credentials',
      (d: Doc) => (d.paths['/health'].get.security = [{ bearerAuth: [] }]),
      /getHealth: the health check must need no credentials/,
    ],
    [
      'a health check with parameters',
      (d: Doc) => (d.paths['/health'].get.parameters = [{ $ref: '#/components/parameters/Limit' }]),
      /getHealth: the health check must take no parameters/,
    ],
  ])('when the contract has %s, derivation stops with a message naming it', (_case, edit, message) => {
    const broken = contractWith(edit);
    expect(() => derive(broken)).toThrow(CommandCenterContractError);
    expect(() => derive(broken)).toThrow(message);
  });

  it('translates every kind of parameter schema: enum to select with options, boolean, integer and number to number, arrays to json', () => {
    const document = contractWith((d) => {
      d.paths['/things'] = {
        parameters: [{ name: 'shared', in: 'query', schema: { type: 'boolean', default: false } }],
        get: extraOperation({
          parameters: [
            {
              name: 'colour',
              in: 'query',
              required: true,
              description: 'Pick one.',
              schema: { type: 'string', enum: ['red', 'green'], default: 'red' },
            },
            { name: 'ratio', in: 'query', schema: { type: 'number', minimum: 0, maximum: 1 }, example: 0.5 },
            { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer' } } },
            { name: 'X-Trace-Id', in: 'header', schema: { type: 'string', maxLength: 64, title: 'Trace id' } },
          ],
        }),
      };
    });
    expect(operation(document, 'getThings')!.parameters).toEqual({
      path: [],
      query: [
        { key: 'shared', label: 'Shared', type: 'boolean', required: false, defaultValue: false },
        {
          key: 'colour',
          label: 'Colour',
          type: 'select',
          description: 'Pick one.',
          required: true,
          defaultValue: 'red',
          options: [
            { label: 'red', value: 'red' },
            { label: 'green', value: 'green' },
          ],
        },
        { key: 'ratio', label: 'Ratio', type: 'number', required: false, example: 0.5, validation: { min: 0, max: 1 } },
        { key: 'ids', label: 'Ids', type: 'json', required: false },
      ],
      headers: [{ key: 'X-Trace-Id', label: 'Trace id', type: 'string', required: false, validation: { maxLength: 64 } }],
    });
  });

  it('when a request body schema is recursive, ships it self-contained with the cycle under $defs', () => {
    const document = contractWith((d) => {
      d.components.schemas.Tree = {
        type: 'object',
        properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } },
      };
      d.paths['/things'] = {
        post: extraOperation({
          operationId: 'createThing',
          'x-command-center': { kind: 'mutation', label: 'Create thing' },
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Tree' } } } },
        }),
      };
    });
    const body = operation(document, 'createThing')!.requestBody!;
    expect(body).toMatchObject({ required: true, contentType: 'application/json' });
    expect(JSON.stringify(body.schema)).not.toContain('#/components');
    expect(body.schema).toMatchObject({
      $ref: '#/$defs/Tree',
      $defs: { Tree: { properties: { children: { items: { $ref: '#/$defs/Tree' } } } } },
    });
  });

  it('when the contract adds a scope, the API token description names it', () => {
    const document = contractWith((d) => (d.paths['/things'] = { get: extraOperation() }));
    expect(derive(document).secretVariables[0]!.description).toContain('things:read');
  });
});
