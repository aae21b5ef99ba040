import fc from 'fast-check';

import { type JsonSchema, type JsonType, schemaExamples } from './json-schema.js';
import { satisfies } from './strict-validator.js';
import { stringFor } from './string-arbitrary.js';

/** Bounds for numbers whose schema sets none: wide, but exact in JSON and in SQL integers. */
const DEFAULT_INTEGER_RANGE = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const DEFAULT_ARRAY_EXTRA_ITEMS = 4;

/**
 * Values that satisfy `schema` (references already resolved): const, enum, types and type
 * lists, string formats, patterns and lengths, numeric bounds and `multipleOf`, arrays,
 * objects with their required and optional properties, `allOf`/`oneOf`/`anyOf`, `not`. The schema's
 * own examples are drawn now and then, since they name values that tend to exist.
 */
export function valueFor(schema: JsonSchema, extraExamples: unknown[] = []): fc.Arbitrary<unknown> {
  const examples = [...extraExamples, ...schemaExamples(schema)];
  const generated = generatedValue(schema);
  if (examples.length === 0) return generated;
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...examples) }, { weight: 3, arbitrary: generated });
}

function generatedValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  // `not` (a query-capable discovery operation without responseContract): generate without it,
  // keep what it does not match.
  if (schema.not !== undefined) {
    const { not, ...rest } = schema;
    return generatedValue(rest).filter((value) => !satisfies(not as JsonSchema, value));
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.allOf) return valueFor(mergeAllOf(schema));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((branch) => valueFor({ ...withoutCombinators(schema), ...branch })));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? inferredType(schema)];
  return fc.oneof(...types.map((type) => valueOfType(type, schema)));
}

function valueOfType(type: JsonType | undefined, schema: JsonSchema): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return integerFor(schema);
    case 'number':
      return fc.oneof(integerFor(schema), doubleFor(schema));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayFor(schema);
    case 'object':
      return objectFor(schema);
    case undefined:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function integerFor(schema: JsonSchema): fc.Arbitrary<number> {
  let min = Math.ceil(schema.minimum ?? DEFAULT_INTEGER_RANGE.min);
  let max = Math.floor(schema.maximum ?? DEFAULT_INTEGER_RANGE.max);
  if (schema.exclusiveMinimum !== undefined) min = Math.max(min, Math.floor(schema.exclusiveMinimum) + 1);
  if (schema.exclusiveMaximum !== undefined) max = Math.min(max, Math.ceil(schema.exclusiveMaximum) - 1);
  const step = schema.multipleOf;
  if (step === undefined || !Number.isInteger(step)) return fc.integer({ min, max });
  return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((k) => k * step);
}

function doubleFor(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e9;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e9;
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .filter(
      (n) =>
        (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum) &&
        (schema.exclusiveMaximum === undefined || n < schema.exclusiveMaximum),
    )
    .map((n) => (schema.multipleOf ? Math.round(n / schema.multipleOf) * schema.multipleOf : n));
}

function arrayFor(schema: JsonSchema): fc.Arbitrary<unknown[]> {
  const minLength = schema.minItems ?? 0;
  const maxLength = schema.maxItems ?? minLength + DEFAULT_ARRAY_EXTRA_ITEMS;
  const items = valueFor(schema.items ?? {});
  if (schema.uniqueItems) return fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) });
  return fc.array(items, { minLength, maxLength });
}

function objectFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valueFor(property)]));
  const requiredKeys = (schema.required ?? []).filter((name) => name in properties);
  // A required name without a property schema may hold anything.
  const unlisted = (schema.required ?? []).filter((name) => !(name in properties));
  const record = fc.record(model, { requiredKeys });
  if (unlisted.length === 0) return record;
  return fc.tuple(record, fc.tuple(...unlisted.map(() => fc.jsonValue({ maxDepth: 1 })))).map(([values, extra]) => ({
    ...values,
    ...Object.fromEntries(unlisted.map((name, i) => [name, extra[i]])),
  }));
}

/** The type a schema without `type` implies through its keywords. */
function inferredType(schema: JsonSchema): JsonType | undefined {
  if (schema.properties || schema.required || schema.additionalProperties !== undefined) return 'object';
  if (schema.items || schema.minItems !== undefined) return 'array';
  if (schema.pattern !== undefined || schema.format !== undefined || schema.minLength !== undefined) return 'string';
  if (schema.minimum !== undefined || schema.maximum !== undefined) return 'number';
  return undefined;
}

/** A naive `allOf` merge: enough for a `$ref` plus constraints, the only use OpenAPI documents make of it here. */
export function mergeAllOf(schema: JsonSchema): JsonSchema {
  const parts = [withoutCombinators(schema), ...(schema.allOf ?? []).map((part) => (part.allOf ? mergeAllOf(part) : part))];
  return parts.reduce<JsonSchema>((merged, part) => {
    const next: JsonSchema = { ...merged, ...part };
    if (merged.properties || part.properties) next.properties = { ...merged.properties, ...part.properties };
    if (merged.required || part.required) next.required = [...new Set([...(merged.required ?? []), ...(part.required ?? [])])];
    return next;
  }, {});
}

function withoutCombinators(schema: JsonSchema): JsonSchema {
  const { allOf: _allOf, oneOf: _oneOf, anyOf: _anyOf, ...rest } = schema;
  return rest;
}
