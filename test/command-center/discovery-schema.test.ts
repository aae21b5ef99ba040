// The test-side JSON Schema 2020-12 of the discovery contract (written from the issue, not from
// openapi.yaml) against its own fixtures: it must accept the valid ones and reject each invalid
// one for the reason its name gives, or it could not be trusted to judge the served document.
import { describe, expect, it } from 'vitest';

import { discoveryFixtures, discoveryValidator } from './discovery-contract/discovery-validator.js';

const violations = discoveryValidator();

/** fixture -> where and by which keyword it must be refused. */
const expectedRefusals: Record<string, { path: string; keyword: string }> = {
  'invalid-unknown-field': { path: '/', keyword: 'additionalProperties' },
  'invalid-unknown-operation-field': { path: '/availableOperations/0', keyword: 'additionalProperties' },
  'invalid-query-without-response-contract': { path: '/availableOperations/1', keyword: 'required' },
  'invalid-query-capability-without-response-contract': { path: '/availableOperations/1', keyword: 'required' },
  'invalid-health-not-listed': { path: '/', keyword: 'healthOperationListed' },
  'invalid-duplicate-operation-id': { path: '/availableOperations', keyword: 'uniqueOperationIds' },
  'invalid-no-operations': { path: '/availableOperations', keyword: 'minItems' },
  'invalid-blank-title': { path: '/adapter/title', keyword: 'pattern' },
  'invalid-relative-logo-url': { path: '/adapter/logo/url', keyword: 'pattern' },
  'invalid-wrong-contract-version': { path: '/contractVersion', keyword: 'const' },
  'invalid-head-method': { path: '/availableOperations/0/method', keyword: 'enum' },
  'invalid-secret-without-injection': { path: '/secretVariables/0', keyword: 'required' },
  'invalid-missing-health': { path: '/', keyword: 'required' },
};

describe('the discovery contract schema (test/command-center/discovery-contract)', () => {
  it.each(discoveryFixtures('valid'))('when given %s, accepts it', (_name, document) => {
    expect(violations(document)).toEqual([]);
  });

  it('has an expected refusal for every invalid fixture, and a fixture for every expected refusal', () => {
    expect(discoveryFixtures('invalid').map(([name]) => name)).toEqual(Object.keys(expectedRefusals).sort());
  });

  it.each(discoveryFixtures('invalid'))('when given %s, rejects it for that reason', (name, document) => {
    const found = violations(document);
    expect(found.length).toBeGreaterThan(0);
    expect(found, JSON.stringify(found)).toContainEqual(expect.objectContaining(expectedRefusals[name]));
  });
});
