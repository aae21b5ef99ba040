import type { CompiledQuery } from 'kysely';

const ARRAY_ROWS = Symbol('rows as arrays');

/**
 * Runs `read` (one query, synchronously started) with its rows returned as arrays of values in
 * select-list order: an engine's own way of asking its driver for that.
 */
export type ArrayRowsReader = <T>(read: () => T) => T;

/**
 * A copy of `query` (Kysely freezes compiled queries), marked so that an engine able to return rows as arrays (values in select-list
 * order) does so; other engines return objects as usual, so callers must accept both. A caller
 * that copies every row anyway saves the driver building an object per row first.
 */
export function withArrayRows(query: CompiledQuery): CompiledQuery {
  // Spelled out: spreading a frozen object into one with a symbol key took V8's slow path.
  const marked = { query: query.query, queryId: query.queryId, sql: query.sql, parameters: query.parameters, [ARRAY_ROWS]: true };
  return marked as CompiledQuery;
}

/** Whether `query` was marked by `withArrayRows`. */
export function wantsArrayRows(query: CompiledQuery): boolean {
  return (query as { [ARRAY_ROWS]?: boolean })[ARRAY_ROWS] === true;
}
