import type { Server } from 'node:http';
import { isDeepStrictEqual } from 'node:util';

import fc from 'fast-check';

import { authorizationFor, type CredentialKind, type CredentialSet, type InvalidCredential } from './credentials.js';
import { describeFailure } from './failure-report.js';
import { type FuzzRequest, jsonBodyOf, requestUrl, truncate, withSummary } from './fuzz-request.js';
import { listedItem } from './listing-walk.js';
import { contractViolations } from './response-checker.js';
import { evaluateExpression, type Exchange, parsedBody, pointerSegments, pointerTarget } from './runtime-expression.js';
import { type ObservedResponse, sendRequest } from './send-request.js';
import type { FuzzLink } from './spec-links.js';
import type { FuzzOperation } from './spec-operations.js';
import { placeParameter, validRequest } from './valid-request.js';

/** What a sequence needs: the server, the callers' credentials, every link (to find listings) and a place to count requests. */
export interface SequenceContext {
  server: Server;
  credentials: CredentialSet;
  links: readonly FuzzLink[];
  record(operationId: string, kind: CredentialKind, status: number): void;
}

const REFUSED_CALLERS: readonly CredentialKind[] = ['anonymous', 'invalid-token', 'lacking-scopes'];

/**
 * Sends `source` as a caller with every scope and, when it answers the status `link` hangs on,
 * follows the link. The linked resource must be there (2xx) and be what the source said: the
 * object the link's value came from, and every field a create sent. A create must also show
 * up, the same, in every listing linked to the same operation (walking its pages). Following
 * the link without valid credentials must answer 401, without the target's scopes 403.
 * Resolves to whether the link was followed; throws a replayable account of the first break.
 */
export async function followLink(
  context: SequenceContext,
  link: FuzzLink,
  source: FuzzRequest,
  invalid: InvalidCredential,
): Promise<boolean> {
  const steps: string[] = [];
  const send = async (operation: FuzzOperation, request: FuzzRequest, kind: CredentialKind): Promise<ObservedResponse> => {
    const authorization = authorizationFor(context.credentials, kind, operation, invalid);
    const response = await sendRequest(context.server, request, authorization);
    context.record(operation.operationId, kind, response.status);
    steps.push(`${kind}: ${request.method} ${truncate(requestUrl(request), 200)} -> ${response.status}`);
    const violations = contractViolations(operation, response);
    if (violations.length > 0) throw broken(violations, { operation, request, kind, authorization, response });
    return response;
  };
  const broken = (
    violations: string[],
    exchange?: {
      operation: FuzzOperation;
      request: FuzzRequest;
      kind: CredentialKind;
      authorization: string | undefined;
      response: ObservedResponse;
    },
  ) => {
    const detail = exchange
      ? describeFailure({
          operationId: exchange.operation.operationId,
          request: exchange.request,
          caller: exchange.kind,
          authorization: exchange.authorization,
          response: exchange.response,
          violations,
          serverLog: [],
        })
      : violations.map((v) => `  - ${v}`).join('\n');
    return new Error(`${link.title}: the sequence broke\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}\n\n${detail}`);
  };

  const sourceExchange: Exchange = { request: source, response: await send(link.from, source, 'all-scopes') };
  if (String(sourceExchange.response.status) !== link.status) return false;
  const target = linkedRequest(link, sourceExchange);
  if (!target) return false;

  const read = await send(link.to, target, 'all-scopes');
  if (read.status < 200 || read.status > 299) throw broken([`following the link answered ${read.status}, not 2xx`]);
  const resource = parsedBody(read);
  const origins = linkOrigins(link, sourceExchange);
  for (const origin of origins) {
    if (!isDeepStrictEqual(resource, origin))
      throw broken([`the linked resource ${JSON.stringify(resource)} is not what the link came from: ${JSON.stringify(origin)}`]);
  }
  const sent = jsonBodyOf(source);
  if (link.from.body && isObject(sent) && isObject(resource)) {
    const changed = Object.keys(sent).filter((field) => !isDeepStrictEqual(sent[field], resource[field]));
    if (changed.length > 0)
      throw broken([`read back, ${changed.join(', ')} differ from what was sent: ${JSON.stringify(sent)} vs ${JSON.stringify(resource)}`]);
  }

  for (const kind of REFUSED_CALLERS) {
    if (!link.to.security.secured || (kind === 'lacking-scopes' && link.to.security.scopes.length === 0)) continue;
    const expected = kind === 'lacking-scopes' ? 403 : 401;
    const refused = await send(link.to, target, kind);
    if (refused.status !== expected) throw broken([`following the link as ${kind} answered ${refused.status}, not ${expected}`]);
  }

  if (link.from.body && origins.length > 0) {
    for (const listing of context.links.filter((l) => l !== link && l.to === link.to && l.from.method === 'GET' && !l.from.body)) {
      const found = await listedItem(listing, target, (request) => send(listing.from, request, 'all-scopes'));
      if (found.item === undefined) throw broken([`created, but not in ${found.pages} page(s) of ${listing.from.operationId}`]);
      if (!isDeepStrictEqual(found.item, origins[0]))
        throw broken([`listed as ${JSON.stringify(found.item)}, created as ${JSON.stringify(origins[0])}`]);
    }
  }
  return true;
}

/**
 * Requests a link starts from: generated valid ones, and as often ones with their optional
 * query parameters left out, which list everything (a generated region or cursor mostly
 * matches nothing, and an empty page has no link to follow).
 */
export function linkSourceRequest(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const required = (name: string) => operation.parameters.some((p) => p.in === 'query' && p.name === name && p.required);
  const bare = validRequest(operation).map((request) =>
    withSummary({ ...request, query: request.query.filter(([name]) => required(name)) }),
  );
  return fc.oneof(bare, validRequest(operation));
}

/** The request the link leads to, its parameters taken from the exchange; undefined when one is not there. */
export function linkedRequest(link: FuzzLink, exchange: Exchange): FuzzRequest | undefined {
  const request: FuzzRequest = {
    operationId: link.to.operationId,
    method: link.to.method,
    pathTemplate: link.to.path,
    pathParams: {},
    query: [],
    headers: {},
    body: undefined,
    mutation: undefined,
    mustReject: false,
  };
  for (const parameter of link.parameters) {
    const value = evaluateExpression(parameter.expression, exchange);
    if (value === undefined || value === null) return undefined;
    placeParameter(
      request,
      link.to.parameters.find((p) => p.name === parameter.name && p.in === parameter.in)!,
      value,
    );
  }
  return withSummary(request);
}

/** The objects in the response body the link's values were taken from (`#/0/customer_code` came from `#/0`). */
function linkOrigins(link: FuzzLink, exchange: Exchange): unknown[] {
  const body = parsedBody(exchange.response);
  return link.parameters
    .map((p) => /^\$response\.body#(.*)$/s.exec(p.expression)?.[1])
    .filter((pointer): pointer is string => pointer !== undefined && pointer !== '')
    .map((pointer) => pointerTarget(body, pointerSegments(pointer).slice(0, -1)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
