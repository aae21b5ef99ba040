import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { FilterCondition, FilterNode } from './filter.js';
import { toStorage } from './storage-codec.js';
import type { TableDeclaration } from './table-declaration.js';

/** Turns a checked filter into a WHERE expression; every value is a bound parameter. */
export function filterToSql(
  eb: ExpressionBuilder<any, any>,
  table: TableDeclaration,
  filter: FilterNode,
): Expression<SqlBool> {
  if (filter.type === 'group') {
    const parts = filter.items.map((item) => filterToSql(eb, table, item));
    return filter.logic === 'and' ? eb.and(parts) : eb.or(parts);
  }
  return conditionToSql(eb, table, filter);
}

function conditionToSql(eb: ExpressionBuilder<any, any>, table: TableDeclaration, c: FilterCondition): Expression<SqlBool> {
  const column = table.columns[c.field]!;
  const ref = eb.ref(c.field);
  const stored = (value: unknown) => toStorage(column, value);
  switch (c.op) {
    case 'eq':
      return eb(ref, '=', stored(c.value));
    case 'ne':
      // SQL's `<>` drops NULLs; a user asking "not X" expects rows without a value too.
      return eb.or([eb(ref, '<>', stored(c.value)), eb(ref, 'is', null)]);
    case 'lt':
      return eb(ref, '<', stored(c.value));
    case 'lte':
      return eb(ref, '<=', stored(c.value));
    case 'gt':
      return eb(ref, '>', stored(c.value));
    case 'gte':
      return eb(ref, '>=', stored(c.value));
    case 'in':
      return eb(ref, 'in', (c.value as unknown[]).map(stored));
    case 'notIn':
      return eb.or([eb(ref, 'not in', (c.value as unknown[]).map(stored)), eb(ref, 'is', null)]);
    case 'between': {
      const [low, high] = c.value as [unknown, unknown];
      return eb.between(ref, stored(low), stored(high));
    }
    case 'isNull':
      return eb(ref, c.value ? 'is' : 'is not', null);
    case 'contains':
      return like(c.field, `%${escapeLike(c.value as string)}%`);
    case 'startsWith':
      return like(c.field, `${escapeLike(c.value as string)}%`);
    case 'endsWith':
      return like(c.field, `%${escapeLike(c.value as string)}`);
  }
}

function like(field: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(field)} like ${pattern} escape '\\'`;
}

/** `%`, `_` and the escape character itself match literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
