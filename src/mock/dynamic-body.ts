import { createHash } from 'node:crypto';

import fc from 'fast-check';

import { resolveLocalRefs } from '../contract/local-ref-resolver.js';
import type { JsonSchema } from '../json-schema/json-schema.js';
import { valueFor } from '../json-schema/schema-arbitrary.js';

/**
 * Generates schema-valid bodies (the contract fuzzer's generator) for `Prefer: dynamic=true`.
 * Each value is drawn with a seed derived from MOCK_SEED and the request (operation, URL, body),
 * so the same request to a mock with the same seed gets the same answer, in any order.
 */
export class DynamicBodies {
  readonly #arbitraries = new Map<JsonSchema, fc.Arbitrary<unknown>>();

  constructor(
    private readonly document: unknown,
    readonly seed: number,
  ) {}

  /** A value of `schema` (references resolved here) for the request `key`. */
  generate(schema: JsonSchema, key: string): unknown {
    let arbitrary = this.#arbitraries.get(schema);
    if (!arbitrary) {
      arbitrary = valueFor(resolveLocalRefs(this.document, schema));
      this.#arbitraries.set(schema, arbitrary);
    }
    const digest = createHash('sha256').update(`${this.seed}\n${key}`).digest();
    return fc.sample(arbitrary, { seed: digest.readInt32LE(0), numRuns: 1 })[0];
  }
}
