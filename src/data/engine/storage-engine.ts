import type { CompiledQuery, Kysely } from 'kysely';

/**
 * One database engine behind the typed SQL layer. Nothing outside `src/data/` knows which
 * engine runs; the few behaviours that differ (error codes, connection set-up) live here.
 * Every query that fails because the database is out throws a StorageUnavailableError.
 */
export interface StorageEngine {
  readonly kind: 'sqlite' | 'postgres';
  /** The query builder; table and column names come from declarations, values are bound. */
  readonly db: Kysely<any>;
  /** PostgreSQL: the schema the tables live in (SQLite has none). */
  readonly schema?: string;
  /** Whether `error` is the engine's unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /** Resolves when the database answers a trivial query (after preparing it, when that is pending). */
  ping(): Promise<void>;
  /** How the engine's connections are used right now (the service's metrics read it on every scrape). */
  poolStatus(): PoolStatus;
  /** Closes every connection. */
  destroy(): Promise<void>;
  /**
   * The rows of `query` run on `db` (this engine's own, or a transaction of it), as arrays of
   * values in select-list order where the engine can, else as objects: callers accept both.
   * Absent: callers run the query through Kysely, marked `withArrayRows`.
   */
  readArrayRows?(db: Kysely<any>, query: CompiledQuery): Promise<unknown[]>;
}

/**
 * An engine's connections at one moment. PostgreSQL: pg.Pool's own counters. SQLite: its one
 * connection (open once the first query ran), and the queries queued for it: Kysely runs one at
 * a time, and a transaction holds the connection until it ends.
 */
export interface PoolStatus {
  /** The most connections the engine opens. */
  max: number;
  open: number;
  /** Open and not handed out. */
  idle: number;
  /** Callers waiting for a connection. */
  waiting: number;
}

/** How to open an engine. */
export interface StorageOptions {
  /** PostgreSQL: the schema to use for every connection (created by the migrations). */
  schema?: string;
  /** Longest a statement may run (SQLite: wait for a lock) before it fails as a timeout. */
  statementTimeoutMs?: number;
  /** PostgreSQL: longest wait for a connection, new or from the pool. */
  connectTimeoutMs?: number;
  /**
   * Runs once before the first query is served (migrations), given an engine that bypasses
   * this step; when it fails (database down) the next query tries again.
   */
  prepare?: (engine: StorageEngine) => Promise<void>;
  /**
   * Told every query the engine has run, as sent (SQL text and parameters), through Kysely's
   * `log` hook; the query-plan tests EXPLAIN what the services really send.
   */
  onQuery?: (query: CompiledQuery) => void;
  /** Told how long each wait for a connection took, in seconds (the service's metrics). */
  onConnectionAcquired?: (waitSeconds: number) => void;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
