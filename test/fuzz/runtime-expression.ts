import { type FuzzRequest, jsonBodyOf, requestUrl } from './fuzz-request.js';
import type { ObservedResponse } from './send-request.js';

/** A request as sent and the response it got: what a link's runtime expressions read from. */
export interface Exchange {
  request: FuzzRequest;
  response: ObservedResponse;
}

/** A runtime expression the fuzzer does not evaluate (embedded `{$...}` templates, say). */
export class UnsupportedExpressionError extends Error {
  constructor(expression: string) {
    super(`cannot evaluate the runtime expression ${JSON.stringify(expression)}`);
  }
}

const BODY = /^\$(request|response)\.body(?:#(.*))?$/s;
const PART = /^\$(request|response)\.(header|query|path)\.(.+)$/s;

/**
 * The value an OpenAPI runtime expression names in `exchange` (OpenAPI 3.1, "Runtime
 * Expressions"): `$url`, `$method`, `$statusCode`, `$request.header.X`, `$request.query.x`,
 * `$request.path.x`, `$response.header.X` and `$request.body#/ptr` / `$response.body#/ptr`.
 * Undefined when the exchange has nothing there (an empty page has no `/0/customer_code`).
 */
export function evaluateExpression(expression: string, exchange: Exchange): unknown {
  const { request, response } = exchange;
  if (expression === '$url') return requestUrl(request);
  if (expression === '$method') return request.method;
  if (expression === '$statusCode') return response.status;
  const body = BODY.exec(expression);
  if (body) {
    const document = body[1] === 'request' ? jsonBodyOf(request) : parsedBody(response);
    return pointerTarget(document, pointerSegments(body[2] ?? ''));
  }
  const part = PART.exec(expression);
  if (!part) throw new UnsupportedExpressionError(expression);
  const [, side, where, name] = part as unknown as [string, 'request' | 'response', 'header' | 'query' | 'path', string];
  if (side === 'response') {
    if (where !== 'header') throw new UnsupportedExpressionError(expression);
    const value = response.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  if (where === 'header') return Object.entries(request.headers).find(([header]) => header.toLowerCase() === name.toLowerCase())?.[1];
  if (where === 'query') return request.query.find(([query]) => query === name)?.[1];
  return request.pathParams[name];
}

/** The segments of a JSON pointer (RFC 6901): `/0/customer_code` -> ['0', 'customer_code']. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new UnsupportedExpressionError(`#${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** What `segments` lead to inside `document`; undefined when the path does not exist. */
export function pointerTarget(document: unknown, segments: readonly string[]): unknown {
  let node = document;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** The response body parsed as JSON, undefined when it is not JSON. */
export function parsedBody(response: ObservedResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    return undefined;
  }
}
