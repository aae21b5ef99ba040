import type { Schema } from './openapi-document.js';

/** The JSON types a schema admits (`integer` is also counted as a `number`); `any` when unconstrained. */
export function typesOf(schema: Schema): Set<string> {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type as string[]);
  if ('const' in schema) return new Set([jsonType(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set((schema.enum as unknown[]).map(jsonType));
  return new Set(['any']);
}

/** Whether every value of a type in `inner` is also admitted by `outer`. */
export function typesCovered(inner: Set<string>, outer: Set<string>): boolean {
  if (outer.has('any')) return true;
  if (inner.has('any')) return false;
  return [...inner].every((type) => outer.has(type) || (type === 'integer' && outer.has('number')));
}

/** The set of allowed literal values (`enum`, or `const` as one value), or undefined when open. */
export function allowedValues(schema: Schema): string[] | undefined {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v));
  if ('const' in schema) return [JSON.stringify(schema.const)];
  return undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
