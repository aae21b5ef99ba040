import { fieldsFromSchema } from './frame-fields.js';
import type { PropertySchema, RowSchema, TabularFrame, TabularFrameField, TabularFrameMeta, TabularFrameSource } from './frame-types.js';

/** What varies per frame: its rows, where they came from and optional metadata. */
export interface FrameContent<Row> {
  rows: readonly Row[];
  source: TabularFrameSource;
  meta?: TabularFrameMeta;
}

/** Builds ready frames for rows of one schema. */
export interface FrameBuilder<Row> {
  readonly columns: readonly string[];
  readonly fields: readonly TabularFrameField[];
  build(content: FrameContent<Row>): TabularFrame;
}

/**
 * A frame builder for rows described by `schema`. Columns and fields come from the schema;
 * each value is converted by its field type (date-times and dates to epoch milliseconds UTC),
 * and each row carries exactly the frame's columns.
 */
export function createFrameBuilder<Row extends object>(schema: RowSchema, resolve: (ref: string) => PropertySchema): FrameBuilder<Row> {
  const fields = Object.freeze(fieldsFromSchema(schema, resolve));
  const columns = Object.freeze(fields.map((f) => f.key));
  const converters = fields.map((field) => [field.key, converterFor(field)] as const);
  return {
    columns,
    fields,
    build({ rows, source, meta }) {
      const frameRows = rows.map((row) => {
        const values = row as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [key, convert] of converters) out[key] = convert(values[key]);
        return out;
      });
      return {
        status: 'ready',
        columns: [...columns],
        rows: frameRows,
        fields: fields.map((f) => ({ ...f })),
        ...(meta ? { meta } : {}),
        source,
      };
    },
  };
}

function converterFor(field: TabularFrameField): (value: unknown) => unknown {
  if (field.type === 'datetime' || field.type === 'date') {
    return (value) => {
      if (value === null || value === undefined) return null;
      const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
      if (Number.isNaN(ms)) throw new TypeError(`column ${field.key}: ${String(value)} is not a ${field.type}`);
      return ms;
    };
  }
  return (value) => (value === undefined ? null : value);
}
