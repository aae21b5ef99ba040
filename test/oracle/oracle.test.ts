import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import type { OpenAPIBackend } from 'openapi-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

import { compileContract } from '../../scripts/build/contract/compile-contract.js';
import { contractBackend } from '../../scripts/build/contract/openapi-backend-setup.js';
import { type CompiledOperation, loadCompiledContract } from '../../src/contract/compiled-contract.js';
import { ROOT } from '../e2e/support/server-process.js';
import { fuzzSettings } from '../fuzz/fuzz-settings.js';
import { fuzzRequest } from '../fuzz/mutations.js';
import { specOperations } from '../fuzz/spec-operations.js';
import { contract } from '../support/test-app.js';
import {
  compareSides,
  compiledSide,
  DIVERGENCES,
  LIBRARY_IGNORES_EMPTY_SEGMENTS,
  LIBRARY_VERSION,
  librarySide,
  type Mismatch,
} from './oracle-comparison.js';
import { type ReceivedRequest, receivedRequest } from './received-request.js';

/*
 * The oracle (issue 21): the compiled pipeline's routing and request validation, side by side
 * with an untouched openapi-backend instance set up as the service used it, on the contract
 * fuzzer's generated requests (valid and mutated) and on routing variants of them. They must
 * agree on the operation, the verdict, the field names of every error and the coerced query.
 *
 *   FUZZ_SEED=7 npx vitest run test/oracle      another seed
 */

/** Requests per operation: about as many as the contract fuzzer sends, without HTTP in between. */
const REQUESTS_PER_OPERATION = 120;
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** Query parameters typed integer in some operation: their values are also sent in spellings JavaScript's Number reads. */
const INTEGER_QUERY_PARAMETERS = new Set(
  contract.operations.flatMap((o) => o.integerParameters.filter((p) => p.in === 'query').map((p) => p.name)),
);
const LOOSE_INTEGERS = ['0x10', '1e2', '+5', ' 5', '5.0'];

/** The fuzzer's requests for every operation of `document`, as received, with routing and integer-spelling variants of some. */
function generatedRequests(document: object, seed: number): ReceivedRequest[] {
  const requests: ReceivedRequest[] = [];
  for (const operation of specOperations(document as never)) {
    const generated = fc.sample(fuzzRequest(operation), { seed, numRuns: REQUESTS_PER_OPERATION });
    generated.forEach((request, i) => {
      const received = receivedRequest(request);
      if (!received) return;
      requests.push(received);
      if (i % 10 !== 0) return;
      for (const method of METHODS) requests.push({ ...received, method });
      for (const path of [`${received.path}/`, `/${received.path}`, `${received.path}/extra`, received.path.toUpperCase()])
        requests.push({ ...received, path });
      for (const name of Object.keys(received.query).filter((n) => INTEGER_QUERY_PARAMETERS.has(n))) {
        for (const spelling of LOOSE_INTEGERS) requests.push({ ...received, query: { ...received.query, [name]: spelling } });
      }
    });
  }
  return requests;
}

function describeMismatches(mismatches: Mismatch[]): string {
  return mismatches
    .slice(0, 5)
    .map(
      ({ request, compiled, library }) =>
        `${request.method} ${request.path} ${JSON.stringify(request.query)} ${JSON.stringify(request.body)?.slice(0, 200)}\n  compiled: ${JSON.stringify(compiled)}\n  library:  ${JSON.stringify(library)}`,
    )
    .join('\n');
}

/** openapi.yaml with the `limit` parameter's maximum lowered from 500 to 50: a validator that drifted. */
function driftedDocument(): object {
  const document = parse(readFileSync(contract.path, 'utf8')) as { components: { parameters: { Limit: { schema: { maximum: number } } } } };
  document.components.parameters.Limit.schema.maximum = 50;
  return document;
}

describe('oracle: the compiled pipeline against an untouched openapi-backend', () => {
  const { seed } = fuzzSettings();
  let library: OpenAPIBackend;
  let requests: ReceivedRequest[];

  beforeAll(async () => {
    library = await contractBackend(contract.document);
    requests = generatedRequests(contract.document, seed);
  });

  it('agrees on the operation, the verdict, the field names and the coerced query of every generated request, but for the named divergences', () => {
    const diverged = new Map<string, number>();
    const mismatches = compareSides(requests, compiledSide(contract.operations), librarySide(library), diverged);
    const counts = new Map<string, number>();
    for (const request of requests) {
      const verdict = compiledSide(contract.operations)(request);
      const key = verdict.outcome ?? verdict.route.slice(0, 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    console.log(
      `oracle: ${requests.length} requests compared (${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}), ` +
        `named divergences (${DIVERGENCES.map((d) => `${d.name} ${diverged.get(d.name) ?? 0}`).join(', ')}), mismatches ${mismatches.length}, seed ${seed}`,
    );
    // Each divergence is exercised, so that one which stopped applying (the library changed, or the pipeline) is noticed.
    for (const divergence of DIVERGENCES) expect(diverged.get(divergence.name), divergence.name).toBeGreaterThan(0);
    expect(counts.get('accepted'), 'the generated requests include accepted ones').toBeGreaterThan(100);
    expect(counts.get('refused'), 'and refused ones').toBeGreaterThan(100);
    expect(mismatches, describeMismatches(mismatches)).toEqual([]);
  });

  it(`answers \`//health\` with 404, where openapi-backend ${LIBRARY_VERSION} ${LIBRARY_IGNORES_EMPTY_SEGMENTS ? 'routes it as /health' : 'answers 404 too'}`, () => {
    const request: ReceivedRequest = { method: 'GET', path: '//health', query: {}, headers: {}, body: undefined };
    expect(compiledSide(contract.operations)(request).route).toBe('404');
    expect(librarySide(library)(request).route).toBe(LIBRARY_IGNORES_EMPTY_SEGMENTS ? 'getHealth' : '404');
  });

  describe('when one side drifts alone', () => {
    const dir = join(ROOT, 'test-output', 'oracle-drift');
    let drifted: readonly CompiledOperation[];

    beforeAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const yaml = join(dir, 'openapi.yaml');
      writeFileSync(yaml, stringify(driftedDocument()));
      const modulePath = join(dir, 'compiled-contract.cjs');
      await compileContract(yaml, modulePath);
      drifted = (await loadCompiledContract(yaml, modulePath)).operations;
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('fails when the compiled validators drift', () => {
      const mismatches = compareSides(requests, compiledSide(drifted), librarySide(library));
      expect(mismatches.length).toBeGreaterThan(0);
      // Only operations with the drifted parameter, and among their requests ones with a limit over 50 now refused.
      const withLimit = contract.operations.filter((o) => o.parameterLocations.limit === 'query').map((o) => o.operationId);
      expect(withLimit.length).toBeGreaterThan(0);
      expect(mismatches.every((m) => withLimit.includes(m.compiled.route))).toBe(true);
      expect(
        mismatches.some(
          (m) => m.compiled.outcome === 'refused' && m.compiled.fields?.includes('query.limit') && m.library.outcome === 'accepted',
        ),
      ).toBe(true);
    });

    it('fails when the library drifts', async () => {
      const driftedLibrary = await contractBackend(driftedDocument());
      expect(compareSides(requests, compiledSide(contract.operations), librarySide(driftedLibrary)).length).toBeGreaterThan(0);
    });
  });
});
