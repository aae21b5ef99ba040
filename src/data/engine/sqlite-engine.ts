import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

import { ConnectionUse } from './connection-use.js';
import type { OutagePolicy } from './guarded-dialect.js';
import { type EngineTraits, guardedEngine } from './guarded-engine.js';
import { DEFAULT_STATEMENT_TIMEOUT_MS, type StorageEngine, type StorageOptions } from './storage-engine.js';
import type { OutageKind } from './storage-unavailable-error.js';

/** Opens the embedded SQLite database at `filename` (created if needed) on first use. */
export function openSqliteEngine(filename: string, options: StorageOptions = {}): StorageEngine {
  const connection = new ReopeningConnection(filename, options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
  const policy: OutagePolicy = {
    classify: sqliteOutage,
    // A file that could not be read may be readable again (restored, replaced): start afresh.
    afterOutage: (kind) => {
      if (kind === 'unreadable') connection.discard();
    },
  };
  const dialect = new SqliteDialect({ database: connection });
  const use = new ConnectionUse(options.onConnectionAcquired);
  const traits: EngineTraits = {
    kind: 'sqlite',
    poolStatus: () => {
      const open = connection.isOpen ? 1 : 0;
      return { max: 1, open, idle: Math.max(0, open - use.inUse), waiting: use.waiting };
    },
    isUniqueViolation: (error) => ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(String(errorCode(error))),
  };
  return guardedEngine(traits, dialect, policy, {
    prepare: options.prepare,
    onQuery: options.onQuery,
    arrayRows: (read) => connection.readingArrays(read),
    connectionUse: use,
  });
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** SQLite result codes (extended ones start with the primary name) that mean an outage. */
function sqliteOutage(error: unknown): OutageKind | undefined {
  const code = String(errorCode(error));
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return 'timeout';
  if (/^SQLITE_(CANTOPEN|NOTADB|IOERR|CORRUPT|FULL|READONLY)/.test(code)) return 'unreadable';
  return undefined;
}

const MAX_CACHED_STATEMENTS = 256;

let addonPath: string | undefined;

/**
 * Where better-sqlite3's compiled addon is, for its documented `nativeBinding` option. The server
 * bundle carries the package's JavaScript (scripts/build/bundle-server.ts), and from there its own
 * lookup (the `bindings` package, which tries a dozen paths from the caller's location) is not
 * meant to find node_modules; the option also spares that search, 4 ms of a cold start.
 */
function sqliteAddonPath(): string {
  addonPath ??= createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  return addonPath;
}

/**
 * The one connection Kysely's SQLite driver uses, opened on first use and reopened after it
 * was discarded, so that a file that could not be opened is retried by the next query.
 *
 * Each distinct SQL text is prepared once per connection: queries are parameterised, so a
 * service issues only a handful of texts, and re-preparing them on every request was the
 * largest single cost under load. Kysely's driver runs one query at a time, so a cached
 * statement is never in use twice at once.
 */
class ReopeningConnection {
  #connection: SQLite.Database | undefined;
  readonly #statements = new Map<string, SQLite.Statement>();
  #arrayRows = false;

  /**
   * Runs `read` with the statements it prepares returning rows as arrays (better-sqlite3's raw
   * mode). Kysely's driver prepares and runs a statement in one synchronous call, so the mode
   * cannot leak into another query.
   */
  readingArrays<T>(read: () => T): T {
    this.#arrayRows = true;
    try {
      return read();
    } finally {
      this.#arrayRows = false;
    }
  }

  constructor(
    private readonly filename: string,
    private readonly busyTimeoutMs: number,
  ) {}

  prepare(text: string): SQLite.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = (this.#connection ?? this.#open()).prepare(text);
      if (this.#statements.size < MAX_CACHED_STATEMENTS) this.#statements.set(text, statement);
    }
    // raw() throws on statements that return no rows; a cached one keeps its mode, so set it each time.
    if (statement.reader) statement.raw(this.#arrayRows);
    return statement;
  }

  /** Whether the database file is open (it opens on the first query). */
  get isOpen(): boolean {
    return this.#connection !== undefined;
  }

  close(): void {
    this.#statements.clear();
    this.#connection?.close();
    this.#connection = undefined;
  }

  /** Drops the connection after an outage; the next query opens the file again. */
  discard(): void {
    try {
      this.close();
    } catch {
      this.#connection = undefined;
    }
  }

  #open(): SQLite.Database {
    if (this.filename !== ':memory:') mkdirSync(dirname(this.filename), { recursive: true });
    const connection = new SQLite(this.filename, { nativeBinding: sqliteAddonPath() });
    try {
      connection.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before the client hears 201, so a crash (even of the machine)
      // loses no acknowledged write. NORMAL would only survive a crash of the process.
      connection.pragma('synchronous = FULL');
      // How long a write waits for another process's lock before it fails as a timeout.
      connection.pragma(`busy_timeout = ${Math.trunc(this.busyTimeoutMs)}`);
      connection.pragma('foreign_keys = ON');
      // PostgreSQL's LIKE is case-sensitive; make SQLite's agree so a filter means the same on both.
      connection.pragma('case_sensitive_like = ON');
    } catch (error) {
      connection.close();
      throw error;
    }
    this.#connection = connection;
    return connection;
  }
}
