import type { Column } from './column.js';

/**
 * Converts between TypeScript values and what both engines store: timestamps as epoch
 * milliseconds and booleans as 0/1, so the same bound value means the same thing on each.
 */
export function toStorage(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.kind === 'timestamp') return (value as Date).getTime();
  if (column.kind === 'boolean') return value ? 1 : 0;
  return value;
}

/** The inverse of `toStorage`. */
export function fromStorage(column: Pick<Column, 'kind'>, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.kind === 'timestamp') return new Date(Number(value));
  if (column.kind === 'boolean') return Number(value) === 1;
  if (column.kind === 'integer' || column.kind === 'real') return Number(value);
  return value;
}

/** Columns to decode, by name, in select-list order. */
export type DecodedColumns = readonly (readonly [name: string, column: Pick<Column, 'kind'>])[];

/**
 * A stored row as a record of `columns`, each value through `fromStorage`. The row is an array
 * in select-list order (an engine that returned it so) or an object keyed by column name.
 */
export function decodeRow(columns: DecodedColumns, row: unknown): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  if (Array.isArray(row)) for (let i = 0; i < columns.length; i++) decoded[columns[i]![0]] = fromStorage(columns[i]![1], row[i]);
  else for (const [name, column] of columns) decoded[name] = fromStorage(column, (row as Record<string, unknown>)[name]);
  return decoded;
}
