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
export function fromStorage(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.kind === 'timestamp') return new Date(Number(value));
  if (column.kind === 'boolean') return Number(value) === 1;
  if (column.kind === 'integer' || column.kind === 'real') return Number(value);
  return value;
}
