import type { Kysely } from 'kysely';

import type { Column, ColumnKind } from '../query/column.js';
import type { TableDeclaration } from './table-declaration.js';

// `integer` is 32-bit on PostgreSQL: values are held to INTEGER_COLUMN_RANGE (column.ts) on every engine.
const SQL_TYPES: Record<ColumnKind, 'integer' | 'double precision' | 'text' | 'bigint'> = {
  integer: 'integer',
  real: 'double precision',
  text: 'text',
  boolean: 'integer',
  timestamp: 'bigint',
};

/**
 * Creates a declared table and its indexes. The only engine difference is how a generated
 * key is spelt (SQLite AUTOINCREMENT, PostgreSQL identity); `ifNotExists` keeps it re-runnable.
 */
export async function createDeclaredTable(
  db: Kysely<any>,
  engine: 'sqlite' | 'postgres',
  table: TableDeclaration,
  options: { ifNotExists?: boolean; uniqueTogether?: string[] } = {},
): Promise<void> {
  let builder = db.schema.createTable(table.name);
  if (options.ifNotExists) builder = builder.ifNotExists();
  for (const [name, column] of Object.entries(table.columns)) {
    builder = builder.addColumn(name, SQL_TYPES[column.kind], (c) => {
      let definition = c;
      if (column.flags.primaryKey) definition = definition.primaryKey();
      if (column.flags.generated) {
        definition = engine === 'sqlite' ? definition.autoIncrement() : definition.generatedByDefaultAsIdentity();
      }
      if (!column.flags.nullable && !column.flags.primaryKey) definition = definition.notNull();
      if (column.flags.unique) definition = definition.unique();
      return definition;
    });
  }
  if (options.uniqueTogether) {
    builder = builder.addUniqueConstraint(`${table.name}_identity`, options.uniqueTogether as never[]);
  }
  await builder.execute();
  for (const [name, column] of Object.entries(table.columns) as [string, Column][]) {
    if (!column.flags.indexed) continue;
    let index = db.schema.createIndex(`${table.name}_${name}_idx`).on(table.name).column(name);
    if (options.ifNotExists) index = index.ifNotExists();
    await index.execute();
  }
}
