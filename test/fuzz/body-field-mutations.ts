import fc from 'fast-check';

import { allowedTypes, JSON_TYPES, type JsonType } from '../../src/json-schema/json-schema.js';
import { satisfies } from '../../src/json-schema/strict-validator.js';
import { anyCodePoint, matching } from '../../src/json-schema/string-arbitrary.js';
import { type FuzzRequest, jsonBodyOf, mutate, type RequestMutation, setJsonBody } from './fuzz-request.js';
import { type JsonLocation, jsonLocations, locationLabel, valueAt, withoutValueAt, withValueAt } from './json-locations.js';
import { HUGE_UNITS, oddText, repeated } from './odd-strings.js';
import type { FuzzOperation } from './spec-operations.js';

/** One value of each JSON type, for putting the wrong one somewhere. */
const SAMPLE_OF_TYPE: Record<JsonType, unknown> = {
  string: 'x',
  integer: 7,
  number: 1.5,
  boolean: true,
  null: null,
  array: [],
  object: {},
};

/** A required property of the body (or of an object inside it) left out. */
export const missingRequiredField: RequestMutation = (operation, request) => {
  const targets = jsonTargets(operation, request).flatMap(({ path, schema }) =>
    (schema.required ?? []).filter((name) => hasOwn(valueAt(jsonBodyOf(request), path), name)).map((name) => [...path, name]),
  );
  if (targets.length === 0) return undefined;
  return fc
    .constantFrom(...targets)
    .map((path) =>
      mutate(request, `missing required ${locationLabel(path)}`, true, (copy) => setJsonBody(copy, withoutValueAt(jsonBodyOf(copy), path))),
    );
};

/** A value of a JSON type its schema does not allow (the body root included). */
export const wrongTypeField: RequestMutation = (operation, request) => {
  const targets = jsonTargets(operation, request).flatMap((location) => wrongTypesFor(location).map((type) => ({ location, type })));
  if (targets.length === 0) return undefined;
  return fc
    .constantFrom(...targets)
    .map(({ location, type }) =>
      mutate(request, `wrong type ${locationLabel(location.path)}: ${type}`, true, (copy) =>
        setJsonBody(copy, withValueAt(jsonBodyOf(copy), location.path, structuredClone(SAMPLE_OF_TYPE[type]))),
      ),
    );
};

/** Numbers past their bounds and strings past their length bounds, inside the body. */
export const outOfRangeField: RequestMutation = (operation, request) => {
  const targets = jsonTargets(operation, request).flatMap((location) => outOfRange(location).map((value) => ({ location, value })));
  if (targets.length === 0) return undefined;
  return fc.constantFrom(...targets).map(({ location, value }) => replaceAt(operation, request, location, value, 'out of range'));
};

/** A string in the body replaced by, or salted with, odd unicode or random text. */
export const corruptStringField: RequestMutation = (operation, request) => {
  const targets = stringTargets(operation, request);
  if (targets.length === 0) return undefined;
  return fc.constantFrom(...targets).chain((location) => {
    const current = String(valueAt(jsonBodyOf(request), location.path));
    return fc
      .oneof(
        oddText(),
        fc.string({ unit: anyCodePoint(), maxLength: 20 }),
        fc.tuple(oddText(), fc.nat(current.length)).map(([odd, at]) => current.slice(0, at) + odd + current.slice(at)),
        fc.constantFrom(current.toLowerCase(), ` ${current}`, `${current}\u0000`),
      )
      .map((text) => replaceAt(operation, request, location, text, 'corrupt'));
  });
};

/**
 * A string in the body of odd units repeated: around its maxLength (lone surrogates and astral
 * characters there find lengths counted in the wrong unit), thousands of characters, or a
 * hundred thousand and more (past the documented 100 kB body limit).
 */
export const hugeStringField: RequestMutation = (operation, request) => {
  const targets = stringTargets(operation, request);
  if (targets.length === 0) return undefined;
  return fc.constantFrom(...targets).chain((location) => {
    const max = location.schema.maxLength;
    const count = fc.oneof(
      ...(max !== undefined ? [fc.integer({ min: Math.max(1, Math.floor(max / 3)), max: max + 1 })] : []),
      fc.integer({ min: 1_000, max: 20_000 }),
      fc.integer({ min: 90_000, max: 140_000 }),
    );
    return fc
      .tuple(fc.constantFrom(...HUGE_UNITS), count)
      .map(([unit, n]) => replaceAt(operation, request, location, repeated(unit, n), `long (${n} × ${JSON.stringify(unit)})`));
  });
};

/** A property the schema does not list, on the body or an object inside it. */
export const extraField: RequestMutation = (operation, request) => {
  const targets = jsonTargets(operation, request).filter(({ path }) => isPlainObject(valueAt(jsonBodyOf(request), path)));
  if (targets.length === 0) return undefined;
  const name = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'prototype', ''), matching(/^[a-z_]{1,12}$/), oddText());
  const value = fc.oneof(fc.constant('x'), fc.integer(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
  return fc
    .tuple(fc.constantFrom(...targets), name, value)
    .filter(([location, n]) => !hasOwn(location.schema.properties ?? {}, n))
    .map(([location, n, v]) => {
      const path = [...location.path, n];
      const body = withValueAt(structuredClone(jsonBodyOf(request)), path, v);
      return mutate(request, `extra ${locationLabel(path)}`, !satisfies(operation.body!.schema, body), (copy) => setJsonBody(copy, body));
    });
};

function jsonTargets(operation: FuzzOperation, request: FuzzRequest): JsonLocation[] {
  if (!operation.body || request.body?.kind !== 'json') return [];
  return jsonLocations(operation.body.schema, request.body.value);
}

function stringTargets(operation: FuzzOperation, request: FuzzRequest): JsonLocation[] {
  return jsonTargets(operation, request).filter(({ path }) => typeof valueAt(jsonBodyOf(request), path) === 'string');
}

function wrongTypesFor({ schema }: JsonLocation): JsonType[] {
  const allowed = allowedTypes(schema);
  if (!allowed || schema.const !== undefined || schema.enum) return [];
  return JSON_TYPES.filter((type) => !allowed.includes(type));
}

function outOfRange({ schema }: JsonLocation): unknown[] {
  const values: unknown[] = [];
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum ?? schema.exclusiveMaximum;
  if (low !== undefined) values.push(schema.minimum !== undefined ? low - 1 : low, -1e308);
  if (high !== undefined) values.push(schema.maximum !== undefined ? high + 1 : high, 1e308);
  if (schema.maxLength !== undefined) values.push('A'.repeat(schema.maxLength + 1));
  if (schema.minLength !== undefined && schema.minLength > 0) values.push('A'.repeat(schema.minLength - 1));
  return values;
}

/** The request with `value` at `location`; it must be refused exactly when the body no longer satisfies its schema. */
function replaceAt(operation: FuzzOperation, request: FuzzRequest, location: JsonLocation, value: unknown, what: string): FuzzRequest {
  const body = withValueAt(structuredClone(jsonBodyOf(request)), location.path, value);
  const label = typeof value === 'string' && value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  return mutate(request, `${what} ${locationLabel(location.path)}=${label}`, !satisfies(operation.body!.schema, body), (copy) =>
    setJsonBody(copy, body),
  );
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, name);
}
