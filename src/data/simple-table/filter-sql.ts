import { type Expression, type ExpressionBuilder, sql, type SqlBool } from 'kysely';

import type { Bind } from '../query/bind.js';
import type { Column } from '../query/column.js';
import { toStorage } from '../query/storage-codec.js';
import type { FilterCondition, FilterNode } from './filter.js';
import type { TableDeclaration } from './table-declaration.js';

const asIs: Bind = (value) => value;

/**
 * Turns a checked filter into a WHERE expression. Every value is a bound parameter: the values
 * `boundValues` lists, each passed through `bind`, in that order.
 */
export function filterToSql(
  eb: ExpressionBuilder<any, any>,
  table: TableDeclaration,
  filter: FilterNode,
  bind: Bind = asIs,
): Expression<SqlBool> {
  if (filter.type === 'group') {
    const parts = filter.items.map((item) => filterToSql(eb, table, item, bind));
    return filter.logic === 'and' ? eb.and(parts) : eb.or(parts);
  }
  return conditionToSql(eb, filter, conditionValues(table.columns[filter.field]!, filter).map(bind));
}

/** The values a checked filter binds, in the order `filterToSql` binds them. */
export function boundValues(table: TableDeclaration, filter: FilterNode, into: unknown[] = []): unknown[] {
  if (filter.type === 'group') {
    for (const item of filter.items) boundValues(table, item, into);
  } else {
    into.push(...conditionValues(table.columns[filter.field]!, filter));
  }
  return into;
}

/**
 * A filter's shape: two filters of one shape compile to the same SQL text and differ only in
 * their bound values (list lengths and IS / IS NOT are part of the text, so of the shape).
 */
export function filterShape(filter: FilterNode): string {
  if (filter.type === 'group') return `${filter.logic}(${filter.items.map(filterShape).join(',')})`;
  switch (filter.op) {
    case 'in':
    case 'notIn':
      return `${filter.field} ${filter.op} ${(filter.value as unknown[]).length}`;
    case 'isNull':
      return `${filter.field} ${filter.op} ${filter.value ? 1 : 0}`;
    default:
      return `${filter.field} ${filter.op}`;
  }
}

/** The values one condition binds: stored forms of its operands, or its LIKE pattern. */
function conditionValues(column: Column, c: FilterCondition): unknown[] {
  switch (c.op) {
    case 'in':
    case 'notIn':
    case 'between':
      return (c.value as unknown[]).map((value) => toStorage(column, value));
    case 'isNull':
      return [];
    case 'contains':
      return [`%${escapeLike(c.value as string)}%`];
    case 'startsWith':
      return [`${escapeLike(c.value as string)}%`];
    case 'endsWith':
      return [`%${escapeLike(c.value as string)}`];
    default:
      return [toStorage(column, c.value)];
  }
}

function conditionToSql(eb: ExpressionBuilder<any, any>, c: FilterCondition, values: unknown[]): Expression<SqlBool> {
  const ref = eb.ref(c.field);
  const [first, second] = values;
  switch (c.op) {
    case 'eq':
      return eb(ref, '=', first);
    case 'ne':
      // SQL's `<>` drops NULLs; a user asking "not X" expects rows without a value too.
      return eb.or([eb(ref, '<>', first), eb(ref, 'is', null)]);
    case 'lt':
      return eb(ref, '<', first);
    case 'lte':
      return eb(ref, '<=', first);
    case 'gt':
      return eb(ref, '>', first);
    case 'gte':
      return eb(ref, '>=', first);
    case 'in':
      return eb(ref, 'in', values);
    case 'notIn':
      return eb.or([eb(ref, 'not in', values), eb(ref, 'is', null)]);
    case 'between':
      return eb.between(ref, first, second);
    case 'isNull':
      return eb(ref, c.value ? 'is' : 'is not', null);
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return like(c.field, first);
  }
}

function like(field: string, pattern: unknown): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(field)} like ${pattern} escape '\\'`;
}

/** `%`, `_` and the escape character itself match literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
