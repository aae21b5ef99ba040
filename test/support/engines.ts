import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { openStorage } from '../../src/data/engine/open-storage.js';
import type { StorageEngine, StorageOptions } from '../../src/data/engine/storage-engine.js';
import { migrateToLatest } from '../../src/data/migrations.js';

/** A database engine the suites run against. */
export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database (its own PostgreSQL schema), closed with `close`. */
  open(options?: Pick<StorageOptions, 'onQuery' | 'onConnectionAcquired'>): Promise<{ storage: StorageEngine; close: () => Promise<void> }>;
}

/** The PostgreSQL the suites use (TEST_DATABASE_URL overrides it). */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test run uses. */
export function freshSchemaName(): string {
  return `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const sqlite: TestEngine = {
  name: 'sqlite',
  async open(options = {}) {
    const storage = await openStorage(':memory:', options);
    await migrateToLatest(storage);
    return { storage, close: () => storage.destroy() };
  },
};

const postgres: TestEngine = {
  name: 'postgres',
  async open(options = {}) {
    const schema = freshSchemaName();
    const storage = await openStorage(postgresUrl, { ...options, schema });
    await migrateToLatest(storage);
    return {
      storage,
      close: async () => {
        await storage.db.schema.dropSchema(schema).ifExists().cascade().execute();
        await storage.destroy();
      },
    };
  },
};

async function availableEngines(): Promise<TestEngine[]> {
  const unreachable = await postgresReachable();
  if (!unreachable) return [sqlite, postgres];
  if (process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at ${postgresUrl} is unreachable: ${unreachable}`);
  }
  console.warn(
    `\n!!! POSTGRESQL SUITE SKIPPED: ${postgresUrl} is unreachable (${unreachable}). Only SQLite was tested. Set REQUIRE_POSTGRES=1 to fail instead.\n`,
  );
  return [sqlite];
}

/** SQLite always; PostgreSQL when reachable (required when REQUIRE_POSTGRES=1). */
export const engines: TestEngine[] = await availableEngines();
