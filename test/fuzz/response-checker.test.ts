import { describe, expect, it } from 'vitest';

import type { FuzzRequest } from './fuzz-request.js';
import { expectationViolations } from './request-expectations.js';
import { contractViolations } from './response-checker.js';
import type { ObservedResponse } from './send-request.js';
import { specOperations } from './spec-operations.js';

/** A small contract of its own, so these checks do not move when openapi.yaml does. */
const document = {
  openapi: '3.1.0',
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        security: [{ bearerAuth: ['things:write'] }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          '201': {
            description: 'Created.',
            headers: { Location: { required: true, schema: { type: 'string' } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '4XX': { $ref: '#/components/responses/Problem' },
          '429': {
            description: 'Slow down.',
            headers: { 'Retry-After': { required: true, schema: { type: 'integer', minimum: 1 } } },
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
          '500': { $ref: '#/components/responses/Problem' },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
      Problem: { type: 'object', required: ['status'], properties: { status: { type: 'integer' } } },
    },
    responses: {
      Problem: { description: 'A problem.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    },
  },
};

const [operation] = specOperations(document);

function response(status: number, contentType: string | undefined, body: unknown, headers: Record<string, string> = {}): ObservedResponse {
  return { status, headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers }, text: JSON.stringify(body) };
}

describe('contractViolations', () => {
  it('when the response is documented in every respect, finds nothing (charset ignored)', () => {
    expect(contractViolations(operation!, response(201, 'application/json; charset=utf-8', { id: 3 }, { location: '/things/3' }))).toEqual(
      [],
    );
  });

  it('when the status is not documented, says so', () => {
    expect(contractViolations(operation!, response(302, 'application/json', {}))).toEqual([
      'status 302 is not documented for createThing (documented: 201, 429, 500, 4XX)',
    ]);
  });

  it('when the status falls in a documented range, checks it against that range', () => {
    expect(contractViolations(operation!, response(418, 'application/problem+json', { status: 418 }))).toEqual([]);
  });

  it('when the server fails, reports the 5xx even though it is documented', () => {
    expect(contractViolations(operation!, response(500, 'application/problem+json', { status: 500 }))).toEqual(['server error 500']);
  });

  it('when the media type differs from the documented one, says which', () => {
    expect(contractViolations(operation!, response(400, 'application/json', { status: 400 }))).toEqual([
      'Content-Type application/json is not documented (documented: application/problem+json)',
    ]);
  });

  it('when the body does not match the schema or a required header is missing, lists each problem', () => {
    const violations = contractViolations(operation!, response(201, 'application/json', { id: 0, extra: true }));
    expect(violations).toHaveLength(3);
    expect(violations.join('\n')).toMatch(/must be >= 1/);
    expect(violations.join('\n')).toMatch(/must NOT have additional properties/);
    expect(violations).toContain('required header location is missing');
  });

  it('reads a header as its schema type before validating it', () => {
    const problem = { status: 429 };
    expect(contractViolations(operation!, response(429, 'application/problem+json', problem, { 'retry-after': '42' }))).toEqual([]);
    expect(contractViolations(operation!, response(429, 'application/problem+json', problem, { 'retry-after': '0' }))[0]).toMatch(
      /retry-after: "0"/,
    );
  });
});

describe('expectationViolations', () => {
  const request = (mutation?: string): FuzzRequest => ({
    operationId: 'createThing',
    method: 'POST',
    pathTemplate: '/things',
    pathParams: {},
    query: [],
    headers: {},
    body: { kind: 'json', value: {}, contentType: 'application/json' },
    mutation,
    mustReject: mutation !== undefined,
  });

  it('when a secured operation serves an anonymous caller, says so', () => {
    expect(expectationViolations(operation!, request(), 'anonymous', 201)).toContain(
      'answered 201 to a secured operation without valid credentials (anonymous)',
    );
  });

  it('when a request the contract forbids succeeds, says so', () => {
    expect(expectationViolations(operation!, request('missing body'), 'all-scopes', 201)).toEqual([
      'answered 201 to a request the contract forbids (missing body)',
    ]);
  });

  it('when a valid request lacking the scopes is not a 403, says so', () => {
    expect(expectationViolations(operation!, request(), 'lacking-scopes', 400)).toEqual([
      'a valid request lacking the scopes things:write answered 400, not 403',
    ]);
  });
});
