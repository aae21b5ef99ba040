import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { StorageEngine } from './storage-engine.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Options for a PostgreSQL engine. */
export interface PostgresEngineOptions {
  connectionString: string;
  /** A schema to create (if needed) and use for every connection; isolates test runs. */
  schema?: string;
  maxConnections?: number;
}

/** Connects to PostgreSQL with a pool; epoch-millisecond bigints come back as numbers. */
export async function openPostgresEngine(options: PostgresEngineOptions): Promise<StorageEngine> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID || oid === NUMERIC_OID
        ? (value: string) => Number(value)
        : pg.types.getTypeParser(oid, format ?? 'text'),
  };
  if (options.schema) await createSchema(options.connectionString, options.schema);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types: types as pg.CustomTypesConfig,
    ...(options.schema ? { options: `-c search_path=${checkedSchemaName(options.schema)}` } : {}),
  });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    schema: options.schema ?? 'public',
    isUniqueViolation: (error) =>
      typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505',
    destroy: () => db.destroy(),
  };
}

async function createSchema(connectionString: string, schema: string): Promise<void> {
  const admin = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }) });
  try {
    await admin.schema.createSchema(checkedSchemaName(schema)).ifNotExists().execute();
  } finally {
    await admin.destroy();
  }
}

/** Schema names come from our own code (tests, config); check them before they reach a connection option. */
function checkedSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return schema;
}
