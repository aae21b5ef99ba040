import type { Column, ColumnKind, ColumnValueTypes, ValueOf } from '../query/column.js';
import type { Filter, FilterOperator } from './filter.js';
import type { FilterableColumn, TableDeclaration } from './table-declaration.js';

type Condition<T extends TableDeclaration> = Filter<T>;

interface CommonOperators<T extends TableDeclaration, V> {
  eq(value: V): Condition<T>;
  ne(value: V): Condition<T>;
  in(values: readonly V[]): Condition<T>;
  notIn(values: readonly V[]): Condition<T>;
  /** `isNull(true)`: the value is missing; `isNull(false)`: it is present. */
  isNull(isNull: boolean): Condition<T>;
}

interface OrderedOperators<T extends TableDeclaration, V> {
  lt(value: V): Condition<T>;
  lte(value: V): Condition<T>;
  gt(value: V): Condition<T>;
  gte(value: V): Condition<T>;
  /** Inclusive at both ends. */
  between(low: V, high: V): Condition<T>;
}

interface TextOperators<T extends TableDeclaration> {
  /** Case-sensitive substring match; `%` and `_` are matched literally. */
  contains(text: string): Condition<T>;
  startsWith(text: string): Condition<T>;
  endsWith(text: string): Condition<T>;
}

type OperatorsFor<T extends TableDeclaration, C> =
  C extends Column<infer K extends ColumnKind>
    ? CommonOperators<T, NonNullable<ValueOf<C>>> &
        (K extends 'boolean' ? {} : OrderedOperators<T, ColumnValueTypes[K]>) &
        (K extends 'text' ? TextOperators<T> : {})
    : never;

/** `filters.<column>.<op>(value)` for every filterable column of `T`, typed by the column's kind. */
export type FilterBuilder<T extends TableDeclaration> = {
  readonly [K in FilterableColumn<T>]: OperatorsFor<T, T['columns'][K]>;
};

/** Builds the typed filter DSL of a table from its declaration. */
export function filterBuilder<T extends TableDeclaration>(table: T): FilterBuilder<T> {
  const builder: Record<string, Record<string, (...args: unknown[]) => Condition<T>>> = {};
  for (const [field, column] of Object.entries(table.columns)) {
    if (!column.flags.filterable) continue;
    const condition = (op: FilterOperator, value: unknown): Condition<T> => ({ type: 'condition', field, op, value });
    builder[field] = {
      eq: (v) => condition('eq', v),
      ne: (v) => condition('ne', v),
      in: (v) => condition('in', v),
      notIn: (v) => condition('notIn', v),
      isNull: (v) => condition('isNull', v),
      lt: (v) => condition('lt', v),
      lte: (v) => condition('lte', v),
      gt: (v) => condition('gt', v),
      gte: (v) => condition('gte', v),
      between: (low, high) => condition('between', [low, high]),
      contains: (v) => condition('contains', v),
      startsWith: (v) => condition('startsWith', v),
      endsWith: (v) => condition('endsWith', v),
    };
  }
  return Object.freeze(builder) as unknown as FilterBuilder<T>;
}
