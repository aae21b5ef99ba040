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
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
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

const MAX_CACHED_STATEMENTS = 256;

/**
 * Prepares each distinct SQL text once. Queries are parameterised, so a service issues only a
 * handful of texts; re-preparing them on every request was the largest single cost under load.
 * Kysely's SQLite driver runs one query at a time on its single connection, so a cached
 * statement is never in use twice at once.
 */
function withStatementCache(connection: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string): SQLite.Statement {
      let statement = statements.get(sql);
      if (!statement) {
        statement = connection.prepare(sql);
        if (statements.size < MAX_CACHED_STATEMENTS) statements.set(sql, statement);
      }
      return statement;
    },
  };
}
