import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { resolveLocalRefs } from '../../src/contract/local-ref-resolver.js';
import type { JsonSchema } from '../../src/json-schema/json-schema.js';
import { valueFor } from '../../src/json-schema/schema-arbitrary.js';
import { violationsOf } from '../../src/json-schema/strict-validator.js';
import { specOperations } from '../fuzz/spec-operations.js';
import { contract } from '../support/test-app.js';

const operations = specOperations(contract.document);
const components = resolveLocalRefs(
  contract.document,
  (contract.document.components as { schemas?: Record<string, JsonSchema> }).schemas ?? {},
);

/** Every schema requests are generated from, named for the test title. */
const requestSchemas: [string, JsonSchema, unknown[]][] = operations.flatMap((operation) => [
  ...operation.parameters.map((p): [string, JsonSchema, unknown[]] => [`${operation.operationId} ${p.in}.${p.name}`, p.schema, p.examples]),
  ...(operation.body
    ? [[`${operation.operationId} body`, operation.body.schema, operation.body.examples] as [string, JsonSchema, unknown[]]]
    : []),
]);

describe('the fuzzer generates values its schemas accept', () => {
  it.each(requestSchemas)('%s', (_, schema, examples) => {
    fc.assert(
      fc.property(valueFor(schema, examples), (value) => {
        expect(violationsOf(schema, value)).toEqual([]);
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it.each(Object.entries(components))('components.schemas.%s', (_, schema) => {
    fc.assert(
      fc.property(valueFor(schema), (value) => {
        expect(violationsOf(schema, value)).toEqual([]);
      }),
      { seed: 1, numRuns: 100 },
    );
  });
});
