import { type Kysely, type Migration, Migrator } from 'kysely';

import { REGISTRY_TABLE } from './data-node/data-node-registry.js';
import { openStorage } from './engine/open-storage.js';
import type { StorageEngine, StorageOptions } from './engine/storage-engine.js';
import { createDeclaredTable } from './simple-table/table-ddl.js';
import { TABLE_WRITES_TABLE } from './simple-table/table-writes.js';
import { customersTable } from './tables/customers-table.js';

/** The schema history, oldest first. Names sort in order; never edit a migration once released. */
function migrationsFor(engine: StorageEngine['kind']): Record<string, Migration> {
  return {
    '0001_customers': {
      up: (db: Kysely<any>) => createDeclaredTable(db, engine, customersTable),
      down: (db: Kysely<any>) => db.schema.dropTable(customersTable.name).execute(),
    },
    '0002_data_node_registry': {
      up: (db: Kysely<any>) =>
        db.schema
          .createTable(REGISTRY_TABLE)
          .addColumn('identifier', 'text', (c) => c.primaryKey())
          .addColumn('table_name', 'text', (c) => c.notNull().unique())
          .addColumn('columns_json', 'text', (c) => c.notNull())
          .addColumn('index_columns_json', 'text', (c) => c.notNull())
          .addColumn('last_updated_ms', 'bigint')
          .execute(),
      down: (db: Kysely<any>) => db.schema.dropTable(REGISTRY_TABLE).execute(),
    },
    '0003_table_writes': {
      up: (db: Kysely<any>) =>
        db.schema
          .createTable(TABLE_WRITES_TABLE)
          .addColumn('table_name', 'text', (c) => c.primaryKey())
          .addColumn('last_write_ms', 'bigint', (c) => c.notNull())
          .execute(),
      down: (db: Kysely<any>) => db.schema.dropTable(TABLE_WRITES_TABLE).execute(),
    },
  };
}

/** Brings the schema up to date; the same migrations run on SQLite and PostgreSQL. */
export async function migrateToLatest(engine: StorageEngine): Promise<string[]> {
  const migrations = migrationsFor(engine.kind);
  const migrator = new Migrator({
    db: engine.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours;
    // another schema's tables (another app, a parallel test run) would otherwise fool it.
    ...(engine.schema ? { migrationTableSchema: engine.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Opens the engine `databaseUrl` names with the migrations as its preparation step: they run
 * before the first query is served, and again on the next query if the database was out.
 */
export function openMigratedStorage(databaseUrl: string, options: Omit<StorageOptions, 'prepare'> = {}): StorageEngine {
  return openStorage(databaseUrl, {
    ...options,
    prepare: async (engine) => {
      await migrateToLatest(engine);
    },
  });
}
