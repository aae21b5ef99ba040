import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { contract } from '../support/test-app.js';
import {
  authorizationFor,
  CREDENTIAL_KINDS,
  type CredentialKind,
  type CredentialSet,
  type InvalidCredential,
  mintCredentials,
} from './credentials.js';
import { describeFailure, type FailedExchange } from './failure-report.js';
import { type FuzzApp, openFuzzApp, serverLogFor } from './fuzz-app.js';
import type { FuzzRequest } from './fuzz-request.js';
import { fuzzSettings, runsPerOperation } from './fuzz-settings.js';
import { FuzzStats } from './fuzz-stats.js';
import { followLink, linkSourceRequest } from './link-sequence.js';
import { fuzzRequest } from './mutations.js';
import { expectationViolations, refusalViolations } from './request-expectations.js';
import { contractViolations } from './response-checker.js';
import { sendRequest } from './send-request.js';
import { specLinks } from './spec-links.js';
import { type FuzzOperation, HTTP_METHODS, specOperations } from './spec-operations.js';

/*
 * Spec-driven fuzzing of the real app (issue 8). Every operation openapi.yaml defines gets
 * requests generated from its parameter and body schemas, valid and mutated, each sent as
 * four callers; every response must be one the operation documents.
 *
 *   FUZZ_SEED=7 npx vitest run test/fuzz        another seed (default 42, printed in the summary)
 *   FUZZ_RUNS=6000 npx vitest run test/fuzz     more runs (default 600 over all operations, 4 requests each)
 *   FUZZ_SEED=.. FUZZ_PATH=.. ... -t <operationId>   replay a failure (the report prints the command)
 *
 * Then a stateful phase (issue 17 item 18) follows the contract's `links` on each engine:
 * what a create answered is read back through its link and found in the listing, and the
 * link refuses callers without credentials or scopes.
 */

/** Upper bound for one run (four requests). */
const RUN_TIMEOUT_MS = 5_000;
/** Shrinking re-sends requests (some of 100 kB and more); a bounded number keeps a failing run quick to report. */
const MAX_SHRINKS = 60;
/** Every link is followed from at least this many generated requests per engine. */
const MIN_SEQUENCE_RUNS = 8;

const settings = fuzzSettings();
const operations = specOperations(contract.document);
const links = specLinks(contract.document, operations);
const runs = runsPerOperation(settings, operations.length);
/** Sequences tried per link and engine: a fifth of an operation's runs, each sends up to a dozen requests. */
const sequenceRuns = Math.max(MIN_SEQUENCE_RUNS, Math.ceil(runs / 5));
const stats = new FuzzStats();
/**
 * Upper bound for one operation: the default 60 runs take about a second, so this only trips
 * on a hang, and it grows with FUZZ_RUNS so that longer explorations are not cut short.
 */
const operationTimeoutMs = 20_000 + runs * 150;

let credentials: CredentialSet;
let started: number;

beforeAll(async () => {
  credentials = await mintCredentials(operations);
  started = performance.now();
});

afterAll(() => {
  console.log(stats.summary(settings.seed, performance.now() - started));
});

describe('contract fuzz: every operation in openapi.yaml, answered as documented', () => {
  // Each operation gets its own freshly seeded app, so what one operation wrote cannot make
  // another fail, and `-t <operationId>` with the same seed replays exactly what `make test` sent.
  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    '%s: generated and mutated requests, as each kind of caller, get documented responses',
    async (operationId, operation) => {
      const target = await openFuzzApp();
      const requests = fc.limitShrink(fuzzRequest(operation), MAX_SHRINKS);
      const property = fc.asyncProperty(requests, fc.constantFrom(...credentials.invalid), (request, invalid) =>
        exchangeAsEveryCaller(target, operation, request, invalid),
      );
      try {
        await fc.assert(property, {
          seed: settings.seed,
          numRuns: runs,
          plugins: [fc.timeout(RUN_TIMEOUT_MS)],
          ...(settings.path ? { path: settings.path } : {}),
        });
      } catch (error) {
        stats.failedOperations.add(operationId);
        throw withReplayHint(error, operationId);
      } finally {
        await target.close();
      }
    },
    operationTimeoutMs,
  );

  it('fuzzed exactly the operations openapi.yaml defines', () => {
    const inSpec = Object.values(contract.document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
      HTTP_METHODS.map((method) => item[method]?.operationId).filter((id): id is string => typeof id === 'string'),
    );
    expect([...stats.covered].sort()).toEqual(inSpec.sort());
  });

  /** Sends `request` as each kind of caller and throws a replayable account of the first one that breaks the contract. */
  async function exchangeAsEveryCaller(
    target: FuzzApp,
    operation: FuzzOperation,
    request: FuzzRequest,
    invalid: InvalidCredential,
  ): Promise<void> {
    const failures: FailedExchange[] = [];
    for (const kind of CREDENTIAL_KINDS) {
      const authorization = authorizationFor(credentials, kind, operation, invalid);
      const response = await sendRequest(target.server, request, authorization);
      stats.record(operation.operationId, kind, request.mutation !== undefined, response.status);
      const violations = [
        ...contractViolations(operation, response),
        ...expectationViolations(operation, request, kind, response.status),
        ...refusalViolations(request, kind, response.status, response.text),
      ];
      if (violations.length === 0) continue;
      const requestId = response.headers['x-request-id'];
      failures.push({
        operationId: operation.operationId,
        request,
        caller: kind === 'invalid-token' ? `${kind} (${invalid.name})` : kind,
        authorization,
        response,
        violations,
        serverLog: serverLogFor(target.logs, typeof requestId === 'string' ? requestId : undefined),
      });
    }
    if (failures.length === 0) return;
    const others = failures.slice(1).map((f) => `${f.caller}: ${f.response.status} (${f.violations.join('; ')})`);
    throw new Error(`${describeFailure(failures[0]!)}${others.length > 0 ? `\n\nAlso failing for: ${others.join(' | ')}` : ''}`);
  }
});

describe.each(engines)('issue 17 item 18: stateful fuzz on $name, following the links openapi.yaml documents', (engine) => {
  const followed = new Map<string, number>();

  it.each(links.map((link) => [link.title, link] as const))(
    '%s: the linked resource is what was created or listed, is listed after a create, and refuses callers without credentials or scopes',
    async (title, link) => {
      const target = await openFuzzApp({ engine });
      const context = {
        server: target.server,
        credentials,
        links,
        record: (operationId: string, kind: CredentialKind, status: number) => stats.record(operationId, kind, false, status),
      };
      const property = fc.asyncProperty(
        fc.limitShrink(linkSourceRequest(link.from), MAX_SHRINKS),
        fc.constantFrom(...credentials.invalid),
        async (request, invalid) => {
          if (!(await followLink(context, link, request, invalid))) return;
          stats.recordSequence(title);
          followed.set(title, (followed.get(title) ?? 0) + 1);
        },
      );
      try {
        await fc.assert(property, {
          seed: settings.seed,
          numRuns: sequenceRuns,
          plugins: [fc.timeout(RUN_TIMEOUT_MS * 3)],
          ...(settings.path ? { path: settings.path } : {}),
        });
      } catch (error) {
        stats.failedOperations.add(title);
        throw withReplayHint(error, `${engine.name}.*${link.name}`);
      } finally {
        await target.close();
      }
    },
    operationTimeoutMs,
  );

  it('followed every link, among them the ones issue 17 asks for: a create and a listing, each to getCustomer', () => {
    expect(links.map((link) => `${link.from.operationId} ${link.status} -> ${link.to.operationId}`)).toEqual(
      expect.arrayContaining(['createCustomer 201 -> getCustomer', 'listCustomers 200 -> getCustomer']),
    );
    expect(links.filter((link) => !followed.has(link.title)).map((link) => link.title)).toEqual([]);
  });
});

/**
 * fast-check's report (seed, path, counterexample) followed by the failing exchange and the
 * command that replays it. Flattened into one message: vitest would otherwise print the
 * chain of causes twice over.
 */
function withReplayHint(error: unknown, operationId: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error && !message.includes(error.cause.message) ? `\n\n${error.cause.message}` : '';
  const seed = /seed: (-?\d+)/.exec(message)?.[1] ?? String(settings.seed);
  const path = /path: "([^"]+)"/.exec(message)?.[1];
  const replay = `FUZZ_SEED=${seed}${path ? ` FUZZ_PATH=${path}` : ''} npx vitest run test/fuzz/contract-fuzz.test.ts -t '${operationId}'`;
  return new Error(`${message}${cause}\n\nReplay: ${replay}`);
}
