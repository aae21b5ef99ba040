/** The engines the benchmarks run the service on. */
export type BenchEngine = 'sqlite' | 'postgres';

/** Where a benchmark's data lives, as the service's CLIs and servers are told it. */
export interface BenchDatabase {
  engine: BenchEngine;
  /** DATABASE_URL: a SQLite file or a PostgreSQL URL. */
  url: string;
  /** DATABASE_SCHEMA (PostgreSQL only): the schema of this run. */
  schema?: string;
}

/** The PostgreSQL the benchmarks use: BENCH_DATABASE_URL, else the tests' TEST_DATABASE_URL, else the local one. */
export function benchPostgresUrl(env: Record<string, string | undefined> = process.env): string {
  return env.BENCH_DATABASE_URL?.trim() || env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
}

/** BENCH_ENGINE: `sqlite` (the default) or `postgres`; anything else is refused by name. */
export function benchEngineFromEnv(env: Record<string, string | undefined> = process.env): BenchEngine {
  const raw = env.BENCH_ENGINE?.trim() || 'sqlite';
  if (raw === 'sqlite' || raw === 'postgres') return raw;
  throw new Error(`BENCH_ENGINE must be sqlite or postgres, got ${JSON.stringify(raw)}`);
}

/** The environment variables that point the service (or a floor) at `database`. */
export function databaseEnv(database: string | BenchDatabase): Record<string, string> {
  if (typeof database === 'string') return { DATABASE_URL: database };
  return { DATABASE_URL: database.url, ...(database.schema ? { DATABASE_SCHEMA: database.schema } : {}) };
}

/** A short description for the logs (never the PostgreSQL password). */
export function describeDatabase(database: BenchDatabase): string {
  if (database.engine === 'sqlite') return database.url;
  return `${database.url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')} schema ${database.schema ?? 'public'}`;
}
