import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { StorageEngine } from './storage-engine.js';

/** Opens (creating if needed) the embedded SQLite database at `filename`. */
export function openSqliteEngine(filename: string): StorageEngine {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const connection = new SQLite(filename);
  connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  // PostgreSQL's LIKE is case-sensitive; make SQLite's agree so a filter means the same on both.
  connection.pragma('case_sensitive_like = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: connection }) });
  return {
    kind: 'sqlite',
    db,
    isUniqueViolation: (error) =>
      typeof error === 'object' &&
      error !== null &&
      ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(String((error as { code?: unknown }).code)),
    destroy: () => db.destroy(),
  };
}
