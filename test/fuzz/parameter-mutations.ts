import fc from 'fast-check';

import { allowedTypes } from '../../src/json-schema/json-schema.js';
import { satisfies } from '../../src/json-schema/strict-validator.js';
import { anyCodePoint } from '../../src/json-schema/string-arbitrary.js';
import { encodeComponent, type FuzzRequest, mutate, type RequestMutation, requestUrl } from './fuzz-request.js';
import { HUGE_UNITS, oddText, repeated } from './odd-strings.js';
import type { FuzzOperation, FuzzParameter } from './spec-operations.js';

/** Request lines stay below this, so Node's own 431 (16 KB of headers) is not what gets tested. */
const URL_BUDGET_BYTES = 7000;

/** Text that is not a number of the schema's type; `certain` when no lenient parser could read it as one. */
const WRONG_SCALARS: Record<'integer' | 'number' | 'boolean', { text: string; certain: boolean }[]> = {
  integer: [
    ...['abc', '', '1.5', 'NaN', 'Infinity', '[]', '{}', 'true', 'null', '1,2', '١٢'].map((text) => ({ text, certain: true })),
    ...['0x10', '1e2', ' 5', '+5', '05', '-0', '5.0'].map((text) => ({ text, certain: false })),
  ],
  number: [
    ...['abc', '', 'NaN', 'Infinity', '[]', 'true', 'null'].map((text) => ({ text, certain: true })),
    ...['0x10', '1e2', ' 5', '.5'].map((text) => ({ text, certain: false })),
  ],
  boolean: [
    ...['yes', 'maybe', '', '2'].map((text) => ({ text, certain: true })),
    ...['1', '0', 'TRUE'].map((text) => ({ text, certain: false })),
  ],
};

/** A required query or header parameter left out. */
export const missingParameter: RequestMutation = (operation, request) => {
  const targets = operation.parameters.filter((p) => p.required && (p.in === 'query' || p.in === 'header'));
  if (targets.length === 0) return undefined;
  return fc.constantFrom(...targets).map((p) =>
    mutate(request, `missing required ${p.in}.${p.name}`, true, (copy) => {
      if (p.in === 'query') copy.query = copy.query.filter(([name]) => name !== p.name);
      else delete copy.headers[p.name];
    }),
  );
};

/** A non-string parameter given text of another type (`limit=abc`, `limit=1.5`). */
export const wrongTypeParameter: RequestMutation = (operation, request) => {
  const targets = operation.parameters.filter((p) => (p.in === 'query' || p.in === 'path') && scalarType(p) !== undefined);
  if (targets.length === 0) return undefined;
  return fc.constantFrom(...targets).chain((p) =>
    // An empty path segment would route elsewhere.
    fc
      .constantFrom(...WRONG_SCALARS[scalarType(p)!].filter(({ text }) => p.in !== 'path' || text !== ''))
      .map(({ text, certain }) =>
        mutate(request, `wrong type ${p.in}.${p.name}=${JSON.stringify(text)}`, certain, (copy) => setParameter(copy, p, text)),
      ),
  );
};

/** A number past its bounds, or a string past its length bounds. */
export const outOfRangeParameter: RequestMutation = (operation, request) => {
  const targets = operation.parameters.flatMap((p) => outOfRangeValues(p).map((value) => ({ p, value })));
  if (targets.length === 0) return undefined;
  return fc
    .constantFrom(...targets)
    .map(({ p, value }) =>
      mutate(request, `out of range ${p.in}.${p.name}=${JSON.stringify(truncated(value))}`, true, (copy) => setParameter(copy, p, value)),
    );
};

/** A string parameter replaced by, or salted with, odd unicode, random text or a near miss of its valid value. */
export const corruptStringParameter: RequestMutation = (operation, request) => {
  const targets = stringParameters(operation);
  if (targets.length === 0) return undefined;
  return fc.constantFrom(...targets).chain((p) => {
    const current = currentValue(request, p) ?? '';
    const corrupted = fc.oneof(
      oddText(),
      fc.string({ unit: anyCodePoint(), maxLength: 20 }),
      fc.tuple(oddText(), fc.nat(current.length)).map(([odd, at]) => current.slice(0, at) + odd + current.slice(at)),
      fc.nat(Math.max(0, current.length - 1)).map((at) => current.slice(0, at) + current.slice(at + 1)),
      fc.constantFrom(current.toLowerCase(), current.toUpperCase(), ` ${current}`, `${current} `, `${current}\n`),
    );
    return corrupted
      .filter((text) => p.in !== 'path' || !['', '.', '..'].includes(text))
      .map((text) =>
        mutate(request, `corrupt ${p.in}.${p.name}=${JSON.stringify(truncated(text))}`, certainlyInvalid(p, text), (copy) =>
          setParameter(copy, p, text),
        ),
      );
  });
};

/** A string parameter thousands of characters long (the request line kept under ~8 KB). */
export const hugeStringParameter: RequestMutation = (operation, request) => {
  const targets = stringParameters(operation);
  if (targets.length === 0) return undefined;
  return fc
    .tuple(fc.constantFrom(...targets), fc.constantFrom(...HUGE_UNITS), fc.double({ min: 0.3, max: 1, noNaN: true }))
    .map(([p, unit, share]) => {
      const room = URL_BUDGET_BYTES - requestUrl(request).length - p.name.length - 2;
      const count = Math.max(1, Math.floor((room * share) / encodeComponent(unit).length));
      const text = repeated(unit, count);
      return mutate(request, `huge ${p.in}.${p.name} (${count} × ${JSON.stringify(unit)})`, certainlyInvalid(p, text), (copy) =>
        setParameter(copy, p, text),
      );
    });
};

function scalarType(parameter: FuzzParameter): 'integer' | 'number' | 'boolean' | undefined {
  const types = allowedTypes(parameter.schema);
  if (!types || types.includes('string')) return undefined;
  return (['integer', 'number', 'boolean'] as const).find((t) => types.includes(t) && (t !== 'number' || !types.includes('integer')));
}

function stringParameters(operation: FuzzOperation): FuzzParameter[] {
  return operation.parameters.filter((p) => (p.in === 'query' || p.in === 'path') && allowedTypes(p.schema)?.includes('string'));
}

function outOfRangeValues(p: FuzzParameter): string[] {
  if (p.in === 'cookie') return [];
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength } = p.schema;
  const integer = allowedTypes(p.schema)?.includes('integer') === true;
  const values: number[] = [];
  const low = minimum ?? exclusiveMinimum;
  const high = maximum ?? exclusiveMaximum;
  if (low !== undefined) values.push(minimum !== undefined ? low - 1 : low, low - 1000, -(2 ** 53) - 2, -1e308);
  if (high !== undefined) values.push(maximum !== undefined ? high + 1 : high, high * 10 + 7, 2 ** 53 + 2, 1e308);
  const texts = values.map((n) => String(integer ? Math.trunc(n) : n));
  if (maxLength !== undefined) texts.push('A'.repeat(maxLength + 1), 'A'.repeat(maxLength * 2 + 5));
  if (minLength !== undefined && minLength > 0 && p.in !== 'path') texts.push('A'.repeat(minLength - 1));
  return texts;
}

/** Whether the server receives exactly `text` and the schema refuses it, so the request is certainly invalid. */
function certainlyInvalid(p: FuzzParameter, text: string): boolean {
  const types = allowedTypes(p.schema);
  const exact = types?.length === 1 && types[0] === 'string' && !/\p{Surrogate}/u.test(text);
  return exact && !satisfies(p.schema, text);
}

function currentValue(request: FuzzRequest, p: FuzzParameter): string | undefined {
  if (p.in === 'path') return request.pathParams[p.name];
  if (p.in === 'header') return request.headers[p.name];
  return request.query.find(([name]) => name === p.name)?.[1];
}

function setParameter(request: FuzzRequest, p: FuzzParameter, text: string): void {
  if (p.in === 'path') request.pathParams[p.name] = text;
  else if (p.in === 'header') request.headers[p.name] = text;
  else request.query = [...request.query.filter(([name]) => name !== p.name), [p.name, text]];
}

function truncated(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
