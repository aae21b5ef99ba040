import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';

import type { OpenAPIBackend, Operation } from 'openapi-backend';

import type { CompiledOperation } from '../../src/contract/compiled-contract.js';
import { validateRequest } from '../../src/contract/request-validation.js';
import { RouteTable } from '../../src/contract/route-table.js';
import { fieldErrorsFromAjv } from '../../src/contract/validation-errors.js';
import type { ReceivedRequest } from './received-request.js';

/** What one side decided about one request. */
export interface Verdict {
  /** `getCustomer`, `404`, or `405 GET, POST`. */
  route: string;
  /** For a routed request: accepted or refused by validation (`threw` when the side could not decide). */
  outcome?: 'accepted' | 'refused' | 'threw';
  /** For a refused request: the fields named in the problem, sorted. */
  fields?: string[];
  /** For an accepted request: the query the handler gets (coerced, defaults filled in). */
  query?: unknown;
  /** Compiled side only: the integer parameters refused for not being written in decimal digits. */
  notDecimal?: string[];
}

/**
 * A difference from openapi-backend made on purpose: named, with the reason, and recognised
 * only where it applies, so that any other difference still fails the oracle.
 */
export interface Divergence {
  name: string;
  reason: string;
  applies(request: ReceivedRequest, compiled: Verdict, library: Verdict): boolean;
}

/** The openapi-backend version installed (the pin, or under `make canary` the newest 5.x), from its package.json. */
export const LIBRARY_VERSION = (createRequire(import.meta.url)('openapi-backend/package.json') as { version: string }).version;

/**
 * Whether the installed openapi-backend reads an empty path segment away (`//health` as
 * `/health`). 5.20 does; 5.21 answers 404 there, as the pipeline does, so from 5.21 on the
 * divergence below is not listed and the two sides must agree on such paths.
 */
const [libraryMajor = 0, libraryMinor = 0] = LIBRARY_VERSION.split('.').map(Number);
export const LIBRARY_IGNORES_EMPTY_SEGMENTS = libraryMajor < 5 || (libraryMajor === 5 && libraryMinor < 21);

const EMPTY_PATH_SEGMENT: Divergence = {
  name: 'empty path segment',
  reason:
    'openapi-backend before 5.21 reads `//customers` as `/customers` and drops every trailing slash; the pipeline answers 404 to a path with an empty segment, so a resource has one spelling and no link or cache key is built from another.',
  applies: (request, compiled, library) => request.path.includes('//') && compiled.route === '404' && library.route !== '404',
};

const DECIMAL_INTEGER: Divergence = {
  name: 'integer not written in decimal digits',
  reason:
    "ajv's coercion (coerceTypes) turns any string JavaScript's Number reads as a whole number into one (`0x10`, `1e2`, `+5`, ` 5`, `5.0`); the pipeline accepts decimal digits only and refuses the rest with a 400 naming the parameter.",
  applies: (_request, compiled, library) => {
    const notDecimal = compiled.notDecimal ?? [];
    if (notDecimal.length === 0 || compiled.route !== library.route || compiled.outcome !== 'refused') return false;
    const others = (fields: string[] | undefined) => (fields ?? []).filter((field) => !notDecimal.includes(field));
    return isDeepStrictEqual(others(compiled.fields), others(library.fields));
  },
};

/** The documented divergences of the compiled pipeline (issue 17 item 9) from the installed openapi-backend. */
export const DIVERGENCES: readonly Divergence[] = LIBRARY_IGNORES_EMPTY_SEGMENTS
  ? [EMPTY_PATH_SEGMENT, DECIMAL_INTEGER]
  : [DECIMAL_INTEGER];

/** One request the two sides decided differently. */
export interface Mismatch {
  request: ReceivedRequest;
  compiled: Verdict;
  library: Verdict;
}

const LISTED_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The compiled pipeline's route and validation phases (src/contract/), as the request pipeline runs them. */
export function compiledSide(operations: readonly CompiledOperation[]): (request: ReceivedRequest) => Verdict {
  const routes = new RouteTable(operations);
  return (request) => {
    const match = routes.match(request.method, request.path);
    if (match.kind === 'not-found') return { route: '404' };
    if (match.kind === 'method-not-allowed') return { route: `405 ${match.allowed.join(', ')}` };
    const route = match.operation.operationId;
    const verdict = validateRequest(match.operation, {
      pathParameters: match.pathParameters,
      query: request.query,
      headers: request.headers,
      body: request.body,
    });
    if (!verdict.valid) {
      const notDecimal = fieldNames(verdict.errors.filter((e) => e.schemaPath === '#/decimal-integer'));
      return { route, outcome: 'refused', fields: fieldNames(verdict.errors), ...(notDecimal.length > 0 ? { notDecimal } : {}) };
    }
    return { route, outcome: 'accepted', query: verdict.input.query };
  };
}

/**
 * An untouched openapi-backend instance deciding the same: `router.matchOperation` (strict, for
 * 404 and 405, and once per method for the methods a 405 lists) and `validator.validateRequest`,
 * called as the service called them before it compiled its contract.
 */
export function librarySide(api: OpenAPIBackend): (request: ReceivedRequest) => Verdict {
  return (request) => {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    let operation: Operation;
    try {
      operation = api.router.matchOperation({ method, path: request.path, headers: request.headers }, true);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('405')) return { route: '404' };
      const allowed = LISTED_METHODS.filter((m) => api.router.matchOperation({ method: m, path: request.path, headers: {} }));
      return { route: `405 ${allowed.map((m) => m.toUpperCase()).join(', ')}` };
    }
    const route = operation.operationId!;
    try {
      const result = api.validator.validateRequest(
        { method, path: request.path, query: request.query, headers: request.headers, body: request.body },
        operation,
      );
      if (!result.valid) return { route, outcome: 'refused', fields: fieldNames(result.errors ?? []) };
      return { route, outcome: 'accepted', query: result.coerced?.query };
    } catch {
      return { route, outcome: 'threw' };
    }
  };
}

/**
 * Runs both sides on every request and returns where they differ: another route, another
 * verdict, other field names in the errors, or another coerced query. A request the library
 * cannot decide (it throws, e.g. on a malformed percent-escape in a path parameter) must be
 * refused by the compiled side. A difference one of DIVERGENCES names is counted in `diverged`
 * (by name) instead.
 */
export function compareSides(
  requests: Iterable<ReceivedRequest>,
  compiled: (r: ReceivedRequest) => Verdict,
  library: (r: ReceivedRequest) => Verdict,
  diverged: Map<string, number> = new Map(),
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const request of requests) {
    const ours = compiled(request);
    const theirs = library(request);
    if (agree(ours, theirs)) continue;
    const divergence = DIVERGENCES.find((d) => d.applies(request, ours, theirs));
    if (divergence) diverged.set(divergence.name, (diverged.get(divergence.name) ?? 0) + 1);
    else mismatches.push({ request, compiled: ours, library: theirs });
  }
  return mismatches;
}

function agree(ours: Verdict, theirs: Verdict): boolean {
  if (ours.route !== theirs.route) return false;
  if (theirs.outcome === 'threw') return ours.outcome === 'refused';
  return (
    ours.outcome === theirs.outcome &&
    isDeepStrictEqual(ours.fields, theirs.fields) &&
    isDeepStrictEqual(plain(ours.query), plain(theirs.query))
  );
}

/** The query as data: the two sides build it on objects of different prototypes. */
function plain(query: unknown): unknown {
  return query === undefined ? undefined : JSON.parse(JSON.stringify(query));
}

function fieldNames(errors: Parameters<typeof fieldErrorsFromAjv>[0]): string[] {
  return [...new Set(fieldErrorsFromAjv(errors).map((e) => e.field))].sort();
}
