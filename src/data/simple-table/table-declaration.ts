import type { Column, ValueOf } from '../query/column.js';

/** The columns of a table, by name. */
export type ColumnMap = Record<string, Column>;

/** A table declared once: its name and columns. Record types, migration and filters come from it. */
export interface TableDeclaration<C extends ColumnMap = ColumnMap> {
  readonly name: string;
  readonly columns: C;
}

/** Declares a table. Names must be plain lower-case identifiers so they are safe everywhere. */
export function defineTable<const C extends ColumnMap>(name: string, columns: C): TableDeclaration<C> {
  for (const identifier of [name, ...Object.keys(columns)]) {
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(identifier)) throw new Error(`invalid SQL identifier ${identifier}`);
  }
  return Object.freeze({ name, columns });
}

/** A stored row. */
export type RecordOf<T extends TableDeclaration> = {
  -readonly [K in keyof T['columns']]: ValueOf<T['columns'][K]>;
};

type GeneratedKeys<C extends ColumnMap> = {
  [K in keyof C]: C[K]['flags'] extends { generated: true } ? K : never;
}[keyof C];

/** What a caller supplies to insert a row: every column the database does not generate. */
export type InsertOf<T extends TableDeclaration> = Omit<RecordOf<T>, GeneratedKeys<T['columns']>>;

/** Names of the columns declared `filterable`. */
export type FilterableColumn<T extends TableDeclaration> = {
  [K in keyof T['columns']]: T['columns'][K]['flags'] extends { filterable: true } ? K : never;
}[keyof T['columns']] &
  string;

/** Names of the columns declared `orderable`. */
export type OrderableColumn<T extends TableDeclaration> = {
  [K in keyof T['columns']]: T['columns'][K]['flags'] extends { orderable: true } ? K : never;
}[keyof T['columns']] &
  string;
