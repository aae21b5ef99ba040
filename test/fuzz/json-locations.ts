import type { JsonSchema } from '../../src/json-schema/json-schema.js';
import { mergeAllOf } from '../../src/json-schema/schema-arbitrary.js';

/** A place inside a JSON value, and the schema that governs it. */
export interface JsonLocation {
  path: (string | number)[];
  schema: JsonSchema;
}

const MAX_ITEMS_VISITED = 3;

/**
 * Every location in `value` (the root included) whose schema is known: object properties the
 * schema lists, and the first few array items. Below `oneOf`/`anyOf` the governing branch is
 * ambiguous, so the walk stops there.
 */
export function jsonLocations(schema: JsonSchema, value: unknown, path: (string | number)[] = []): JsonLocation[] {
  const effective = schema.allOf ? mergeAllOf(schema) : schema;
  const here: JsonLocation = { path, schema: effective };
  if (effective.oneOf || effective.anyOf) return [here];
  if (Array.isArray(value) && effective.items) {
    const items = effective.items;
    return [here, ...value.slice(0, MAX_ITEMS_VISITED).flatMap((item, i) => jsonLocations(items, item, [...path, i]))];
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && effective.properties) {
    const properties = effective.properties;
    return [
      here,
      ...Object.entries(value)
        .filter(([name]) => Object.hasOwn(properties, name))
        .flatMap(([name, child]) => jsonLocations(properties[name]!, child, [...path, name])),
    ];
  }
  return [here];
}

/** The value at `path`. */
export function valueAt(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, segment) => (node as Record<string | number, unknown>)[segment], root);
}

/** `root` with the value at `path` replaced (in place below the root; returns the new root). */
export function withValueAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = valueAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  // defineProperty, so a key such as `__proto__` becomes an own property as it would in parsed JSON.
  Object.defineProperty(parent, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** `root` without the property at `path` (in place). */
export function withoutValueAt(root: unknown, path: (string | number)[]): unknown {
  const parent = valueAt(root, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
  else delete (parent as Record<string, unknown>)[path[path.length - 1]!];
  return root;
}

/** How a location is named in reports and in the service's problem `errors`: `body.name`. */
export function locationLabel(path: (string | number)[]): string {
  return ['body', ...path].join('.');
}
