/** The JSON Schema 2020-12 keywords the value generator (the mock, the contract fuzzer) reads from OpenAPI 3.1 schemas; others are ignored. */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  example?: unknown;
  examples?: unknown[];
  [keyword: string]: unknown;
}

/** A JSON Schema type name. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** Every JSON type, for picking a wrong one. */
export const JSON_TYPES: readonly JsonType[] = ['string', 'integer', 'number', 'boolean', 'null', 'array', 'object'];

/** The types a schema allows, or undefined when it does not say (then anything may do). */
export function allowedTypes(schema: JsonSchema): JsonType[] | undefined {
  if (schema.type === undefined) return undefined;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  // Every integer is a number, so a `number` schema accepts both.
  return types.includes('number') && !types.includes('integer') ? [...types, 'integer'] : types;
}

/** The JSON type of a value as a schema would classify it. */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object') return typeof value as JsonType;
  throw new TypeError(`not a JSON value: ${String(value)}`);
}

/** Examples a schema or parameter carries (`example` and `examples`). */
export function schemaExamples(holder: { example?: unknown; examples?: unknown } | undefined): unknown[] {
  if (!holder) return [];
  const listed = Array.isArray(holder.examples)
    ? holder.examples
    : typeof holder.examples === 'object' && holder.examples !== null
      ? Object.values(holder.examples as Record<string, { value?: unknown }>).map((e) => e.value)
      : [];
  return [...(holder.example !== undefined ? [holder.example] : []), ...listed].filter((e) => e !== undefined);
}
