import SQLite from 'better-sqlite3';
import pg from 'pg';

import { customersTable } from '../../../src/data/tables/customers-table.js';

/** A customers row exactly as the database holds it: unknown until a test has checked it. */
export type StoredRow = Record<string, unknown>;

const COLUMNS = Object.keys(customersTable.columns);

/**
 * Every customers row of the database a server process was pointed at (`DATABASE_URL`,
 * `DATABASE_SCHEMA`), ordered by id. Read with the engine's own driver rather than through the
 * service, so a row the service would hide or decode away is still seen.
 */
export async function readStoredCustomers(env: Record<string, string>): Promise<StoredRow[]> {
  const url = env.DATABASE_URL ?? '';
  const select = (table: string) => `select ${COLUMNS.join(', ')} from ${table} order by id`;
  if (!/^postgres(ql)?:\/\//.test(url)) {
    const db = new SQLite(url, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(select(customersTable.name)).all() as StoredRow[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(select(`"${env.DATABASE_SCHEMA}".${customersTable.name}`))).rows as StoredRow[];
  } finally {
    await client.end();
  }
}

/** What SQLite's `PRAGMA integrity_check` says of `file`: `['ok']` when the file is sound. */
export function sqliteIntegrity(file: string): string[] {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } finally {
    db.close();
  }
}
