import fc from 'fast-check';

import { valueFor } from '../../src/json-schema/schema-arbitrary.js';
import { type FuzzBody, type FuzzRequest, withSummary } from './fuzz-request.js';
import { type FuzzOperation, type FuzzParameter, isJsonMediaType } from './spec-operations.js';

/** Requests the contract allows for `operation`: every required parameter, some optional ones, a valid body. */
export function validRequest(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const parameters = Object.fromEntries(operation.parameters.map((p) => [key(p), parameterValue(p)]));
  const body = operation.body ? bodyValue(operation) : fc.constant(undefined);
  return fc.tuple(fc.record(parameters), body).map(([values, bodyValue]) => {
    const request: FuzzRequest = {
      operationId: operation.operationId,
      method: operation.method,
      pathTemplate: operation.path,
      pathParams: {},
      query: [],
      headers: {},
      body: bodyValue,
      mutation: undefined,
      mustReject: false,
    };
    for (const parameter of operation.parameters) {
      const value = values[key(parameter)];
      if (value !== undefined) placeParameter(request, parameter, value);
    }
    return withSummary(request);
  });
}

/** Writes a parameter value where the contract says it travels, serialised the default way (form/simple, exploded). */
export function placeParameter(request: FuzzRequest, parameter: FuzzParameter, value: unknown): void {
  switch (parameter.in) {
    case 'query':
      request.query.push(...formPairs(parameter.name, value));
      break;
    case 'path':
      request.pathParams[parameter.name] = simpleText(value);
      break;
    case 'header':
      request.headers[parameter.name] = simpleText(value);
      break;
    case 'cookie':
      request.headers.cookie = [request.headers.cookie, ...formPairs(parameter.name, value).map(([n, v]) => `${n}=${v}`)]
        .filter(Boolean)
        .join('; ');
      break;
  }
}

/** Text of one scalar as it appears in a URL or header. */
export function scalarText(value: unknown): string {
  return value === null ? '' : typeof value === 'string' ? value : String(value);
}

function formPairs(name: string, value: unknown): [string, string][] {
  if (Array.isArray(value)) return value.map((item) => [name, scalarText(item)]);
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([k, v]) => [k, scalarText(v)]);
  return [[name, scalarText(value)]];
}

function simpleText(value: unknown): string {
  if (Array.isArray(value)) return value.map(scalarText).join(',');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .flatMap(([k, v]) => [k, scalarText(v)])
      .join(',');
  return scalarText(value);
}

function parameterValue(parameter: FuzzParameter): fc.Arbitrary<unknown> {
  let value = valueFor(parameter.schema, parameter.examples);
  // A path segment of '', '.' or '..' would route elsewhere (URL normalisation); a header value
  // must be visible ASCII without surrounding spaces or Node refuses to send it.
  if (parameter.in === 'path') value = value.filter((v) => !['', '.', '..'].includes(simpleText(v)));
  if (parameter.in === 'header') value = value.filter((v) => /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(simpleText(v)));
  return parameter.required ? value : fc.option(value, { nil: undefined, freq: 2 });
}

function bodyValue(operation: FuzzOperation): fc.Arbitrary<FuzzBody | undefined> {
  const { schema, mediaType, examples, required } = operation.body!;
  const body = valueFor(schema, examples).map((value): FuzzBody =>
    isJsonMediaType(mediaType)
      ? { kind: 'json', value, contentType: mediaType }
      : { kind: 'raw', text: String(value), contentType: mediaType },
  );
  return required ? body : fc.option(body, { nil: undefined, freq: 4 });
}

function key(parameter: FuzzParameter): string {
  return `${parameter.in}.${parameter.name}`;
}
