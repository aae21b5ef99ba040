import type { PropertySchema, RowSchema, TabularFrameField } from './frame-types.js';
import { humanLabel } from './human-label.js';

type FieldType = TabularFrameField['type'];

/**
 * Derives a frame's fields from a row schema: one field per property, in schema order, with
 * the logical type, nullability and description the schema states. Nothing is listed by hand,
 * so a frame cannot disagree with the table it comes from.
 */
export function fieldsFromSchema(schema: RowSchema, resolve: (ref: string) => PropertySchema): TabularFrameField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, raw]) => {
    const property = resolveProperty(raw, resolve);
    const types = typesOf(property);
    const nonNull = types.filter((t) => t !== 'null');
    const field: TabularFrameField = {
      key,
      label: labelFor(key, property),
      type: fieldType(nonNull[0], property.format),
      nullable: types.includes('null') || !required.has(key),
      nativeType: property.format ?? nonNull[0] ?? 'unknown',
      provenance: 'backend',
    };
    if (property.description) field.description = property.description;
    return field;
  });
}

function resolveProperty(property: PropertySchema, resolve: (ref: string) => PropertySchema): PropertySchema {
  if (property.$ref) return resolveProperty({ ...resolve(property.$ref), ...withoutRef(property) }, resolve);
  // A resolved `$ref` with constraining siblings is `allOf: [target, siblings]`: for typing a
  // column, the parts describe one value, so their keywords are read together.
  if (property.allOf?.length) {
    const { allOf, ...rest } = property;
    return resolveProperty(Object.assign({}, ...allOf.map((part) => resolveProperty(part, resolve)), rest), resolve);
  }
  return property;
}

function withoutRef({ $ref: _ref, ...rest }: PropertySchema): PropertySchema {
  return rest;
}

function typesOf(property: PropertySchema): string[] {
  if (Array.isArray(property.type)) return property.type;
  return property.type ? [property.type] : [];
}

function fieldType(type: string | undefined, format: string | undefined): FieldType {
  if (type === 'string') {
    if (format === 'date-time') return 'datetime';
    if (format === 'date') return 'date';
    if (format === 'time') return 'time';
    return 'string';
  }
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  if (type === 'object' || type === 'array') return 'json';
  return 'unknown';
}

/** `customer_code` -> `Customer Code`, unless the schema gives a title. */
function labelFor(key: string, property: PropertySchema): string {
  return property.title ?? humanLabel(key);
}
