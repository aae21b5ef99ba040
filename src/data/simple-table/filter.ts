import type { TableDeclaration } from './table-declaration.js';

/** Every comparison the filter DSL knows. */
export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'endsWith',
  'isNull',
  'between',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One comparison on one column (also the JSON wire form). */
export interface FilterCondition {
  type: 'condition';
  field: string;
  op: FilterOperator;
  value: unknown;
}

/** Conditions combined with AND or OR (also the JSON wire form). */
export interface FilterGroup {
  type: 'group';
  logic: 'and' | 'or';
  items: FilterNode[];
}

export type FilterNode = FilterCondition | FilterGroup;

declare const tableBrand: unique symbol;

/** A filter known to be valid for table `T`; only the typed builder and `parseWireFilter` make one. */
export type Filter<T extends TableDeclaration> = FilterNode & { readonly [tableBrand]?: T };

/** All of `filters` must hold. */
export function and<T extends TableDeclaration>(...filters: Filter<T>[]): Filter<T> {
  return { type: 'group', logic: 'and', items: filters };
}

/** At least one of `filters` must hold. */
export function or<T extends TableDeclaration>(...filters: Filter<T>[]): Filter<T> {
  return { type: 'group', logic: 'or', items: filters };
}
