import type { Kysely, SelectQueryBuilder } from 'kysely';

import type { Bind } from '../query/bind.js';
import type { RegisteredNode } from './data-node-registry.js';

/** What a time-range read of one node asks for. */
export interface RangeReadRequest {
  columns: string[];
  start: Date | null;
  end: Date | null;
  inclusiveStart: boolean;
  inclusiveEnd: boolean;
  uniqueIdentifiers: string[] | undefined;
  /** At most this many rows are read (the caller asks for one past its own limit). */
  limit: number | undefined;
}

/**
 * A time-range read in the form a query template takes: the shape (equal for reads that compile
 * to the same SQL text), the bound values, and the query builder binding those values in the
 * same order.
 */
export function rangeRead(db: Kysely<any>, node: RegisteredNode, request: RangeReadRequest) {
  const { columns, start, end, uniqueIdentifiers: ids, limit } = request;
  const startOp = request.inclusiveStart ? '>=' : '>';
  const endOp = request.inclusiveEnd ? '<=' : '<';
  const values: unknown[] = [];
  if (start) values.push(start.getTime());
  if (end) values.push(end.getTime());
  if (ids) values.push(...ids);
  if (limit !== undefined) values.push(limit);
  const build = (bind: Bind) => {
    let query: SelectQueryBuilder<any, any, any> = db.selectFrom(node.tableName).select(columns);
    if (start) query = query.where('time_index', startOp, bind(start.getTime()));
    if (end) query = query.where('time_index', endOp, bind(end.getTime()));
    if (ids) query = query.where('unique_identifier', 'in', ids.map(bind));
    for (const column of node.indexColumns) query = query.orderBy(column, 'asc');
    return limit === undefined ? query : query.limit(bind(limit) as number);
  };
  const shape = [node.tableName, columns.join(), start ? startOp : '', end ? endOp : '', ids?.length ?? '', limit !== undefined].join('|');
  return { shape, values, build };
}
