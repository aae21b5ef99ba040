import fc from 'fast-check';

import type { FuzzOperation } from './spec-operations.js';

/** A request body: a JSON value serialised on sending, or raw text sent exactly as written. */
export type FuzzBody =
  { kind: 'json'; value: unknown; contentType: string } | { kind: 'raw'; text: string; contentType: string | undefined };

/** One generated request, before credentials are attached. */
export interface FuzzRequest {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** Path parameter values, unencoded. */
  pathParams: Record<string, string>;
  /** Query pairs in order, unencoded; a name may repeat. */
  query: [string, string][];
  /** Header name -> value (credentials are added when sending). */
  headers: Record<string, string>;
  body: FuzzBody | undefined;
  /** `undefined` for a request generated valid from the schemas, else what was broken. */
  mutation: string | undefined;
  /** The contract forbids this request, so no caller may get a 2xx for it. */
  mustReject: boolean;
  /** The exact refusal a caller allowed to call the operation must get: its status and the field its problem names. */
  refusal?: { status: number; field: string };
}

/** The request path with each parameter percent-encoded (lone surrogates as their WTF-8 bytes). */
export function requestPath(request: FuzzRequest): string {
  return request.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => encodeComponent(request.pathParams[name] ?? ''));
}

/** Path and query string, exactly as sent on the request line. */
export function requestUrl(request: FuzzRequest): string {
  const query = request.query.map(([name, value]) => `${encodeComponent(name)}=${encodeComponent(value)}`).join('&');
  return query === '' ? requestPath(request) : `${requestPath(request)}?${query}`;
}

/** The body bytes as sent, and the Content-Type they go with. */
export function bodyPayload(body: FuzzBody): { text: string; contentType: string | undefined } {
  return body.kind === 'json' ? { text: JSON.stringify(body.value), contentType: body.contentType } : body;
}

/**
 * `encodeURIComponent` that does not throw on lone surrogates: those are written as the three
 * bytes a careless UTF-8 encoder would produce (`%ED%A0%80`), which is what a hostile client sends.
 */
export function encodeComponent(text: string): string {
  let encoded = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else {
      encoded += encodeURIComponent(char);
    }
  }
  return encoded;
}

/** Gives a request a one-line rendering in fast-check's counterexample reports. */
export function withSummary(request: FuzzRequest): FuzzRequest {
  return Object.defineProperty(request, fc.toStringMethod, {
    value: () =>
      `${request.method} ${truncate(requestUrl(request), 300)}${request.mutation ? ` (mutation: ${request.mutation})` : ' (valid)'}`,
    enumerable: false,
  });
}

/** Shortens long text for reports, saying how much was left out. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length - max} more chars)`;
}

/** A deep copy of `request` marked with the mutation that will be applied to it. */
export function mutate(request: FuzzRequest, mutation: string, mustReject: boolean, change: (copy: FuzzRequest) => void): FuzzRequest {
  const copy: FuzzRequest = {
    ...request,
    pathParams: { ...request.pathParams },
    query: request.query.map(([name, value]) => [name, value]),
    headers: { ...request.headers },
    body:
      request.body &&
      (request.body.kind === 'json' ? { ...request.body, value: structuredClone(request.body.value) } : { ...request.body }),
    mutation,
    mustReject,
  };
  change(copy);
  return withSummary(copy);
}

/** A way of breaking a valid request; undefined when the operation gives it nothing to act on. */
export type RequestMutation = (operation: FuzzOperation, request: FuzzRequest) => fc.Arbitrary<FuzzRequest> | undefined;

/** The JSON value of the request's body, undefined when it has no JSON body. */
export function jsonBodyOf(request: FuzzRequest): unknown {
  return request.body?.kind === 'json' ? request.body.value : undefined;
}

/** Replaces the value of the request's JSON body (no-op for raw bodies). */
export function setJsonBody(request: FuzzRequest, value: unknown): void {
  if (request.body?.kind === 'json') request.body = { ...request.body, value };
}
