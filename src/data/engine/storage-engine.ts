import type { Kysely } from 'kysely';

/**
 * One database engine behind the typed SQL layer. Nothing outside `src/data/` knows which
 * engine runs; the few behaviours that differ (error codes, connection set-up) live here.
 */
export interface StorageEngine {
  readonly kind: 'sqlite' | 'postgres';
  /** The query builder; table and column names come from declarations, values are bound. */
  readonly db: Kysely<any>;
  /** PostgreSQL: the schema the tables live in (SQLite has none). */
  readonly schema?: string;
  /** Whether `error` is the engine's unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /** Closes every connection. */
  destroy(): Promise<void>;
}
