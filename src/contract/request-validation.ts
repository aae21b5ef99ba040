import type { IncomingHttpHeaders } from 'node:http';

import type { ErrorObject } from 'ajv';

import type { CompiledOperation } from './compiled-contract.js';

/** A request as the HTTP edge parsed it: query values as strings (or lists of them), body as parsed JSON. */
export interface ParsedRequest {
  readonly pathParameters: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when none was read. */
  readonly body: unknown;
}

/** What a handler receives once the request passed: query and path parameters coerced, defaults filled in. */
export interface ValidatedInput {
  query: Record<string, unknown>;
  params: Record<string, unknown>;
  body: unknown;
}

/** The outcome of validating a request against its operation. */
export type RequestVerdict =
  { readonly valid: true; readonly input: ValidatedInput } | { readonly valid: false; readonly errors: readonly ErrorObject[] };

/**
 * Validates a request the way openapi-backend's `validateRequest` does, with the validators it
 * compiled (at build time): the same envelope `{path, query, header, cookie, requestBody}`, a
 * single value of an array query parameter wrapped in an array, the body included when it was
 * parsed as an object or announced as exactly `application/json`, every validator run and every
 * error kept. The oracle suite holds this to the library's own function.
 *
 * The envelope is built fresh, so the validators may coerce and fill in defaults in it; the
 * query is a copy, the body is the parsed body itself (its defaults reach the handler, as they
 * did through the library).
 */
export function validateRequest(operation: CompiledOperation, request: ParsedRequest): RequestVerdict {
  const query = copyQuery(request.query);
  for (const name of operation.arrayQueryParameters) if (typeof query[name] === 'string') query[name] = [query[name]];
  // Cookies are always valid: the build refuses contracts with cookie parameters.
  // Header values are validated in place only when none can be coerced or defaulted (no header parameter).
  const header = operation.headerParameters ? { ...request.headers } : request.headers;
  const envelope: Record<string, unknown> = { path: request.pathParameters, query, header, cookie: {} };
  if (typeof request.body === 'object' || request.headers['content-type'] === 'application/json') envelope.requestBody = request.body;
  const notDecimal = operation.integerParameters.length === 0 ? undefined : nonDecimalIntegers(operation, envelope);
  let errors: ErrorObject[] | undefined;
  for (const validate of operation.validateRequest) {
    if (validate(envelope)) continue;
    const found = validate.errors ?? [];
    (errors ??= []).push(
      ...(notDecimal ? found.filter((e) => !notDecimal.some((n) => isAtOrUnder(e.instancePath, n.instancePath))) : found),
    );
  }
  if (notDecimal) (errors ??= []).push(...notDecimal);
  if (errors && errors.length > 0) return { valid: false, errors };
  return {
    valid: true,
    input: { query: envelope.query as Record<string, unknown>, params: envelope.path as Record<string, unknown>, body: request.body },
  };
}

/** An integer parameter's value as written: decimal digits, with a minus sign when negative. */
const DECIMAL_INTEGER = /^-?[0-9]+$/;

/**
 * An error for each integer parameter whose value is not written in decimal digits. The
 * validators' coercion (ajv's `coerceTypes`) turns any string that JavaScript's `Number` reads as
 * a whole number into one: `0x10`, `1e2`, `+5`, ` 5`, `5.0`. A number has one spelling here;
 * the others are refused (and the validators' errors about the same value are dropped, so the
 * caller reads one reason).
 */
function nonDecimalIntegers(operation: CompiledOperation, envelope: Record<string, unknown>): ErrorObject[] | undefined {
  let found: ErrorObject[] | undefined;
  for (const { in: location, name } of operation.integerParameters) {
    const values = envelope[location] as Record<string, unknown> | undefined;
    if (!values || !Object.hasOwn(values, name)) continue;
    const value = values[name];
    const written = Array.isArray(value) ? value : [value];
    if (written.every((v) => typeof v !== 'string' || DECIMAL_INTEGER.test(v))) continue;
    (found ??= []).push({
      instancePath: `/${location}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      schemaPath: '#/decimal-integer',
      keyword: 'type',
      params: { type: 'integer' },
      message: 'must be an integer written in decimal digits',
    });
  }
  return found;
}

function isAtOrUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * An own copy of the parsed query (values and lists), so coercion does not write into the
 * request. A `__proto__` parameter stays an own property, which the validator then refuses as
 * undocumented, instead of replacing the copy's prototype.
 */
function copyQuery(query: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const name in query) {
    if (!Object.hasOwn(query, name)) continue;
    const value = query[name];
    const copied = Array.isArray(value) ? value.slice() : value;
    if (name === '__proto__') Object.defineProperty(copy, name, { value: copied, enumerable: true, writable: true, configurable: true });
    else copy[name] = copied;
  }
  return copy;
}
