import { randomBytes } from 'node:crypto';

import pg from 'pg';

/** A PostgreSQL schema a benchmark run owns: created empty, dropped with everything in it. */
export interface BenchSchema {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates `bench_<label>_<time>_<random>` in the database at `url`. Other schemas of that
 * database (other runs, the test suites) are never read or touched; this run's is dropped by
 * `drop`, also when the process is interrupted.
 */
export async function createBenchSchema(url: string, label: string): Promise<BenchSchema> {
  const name = `bench_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await runStatement(url, `create schema ${name}`);
  let dropped: Promise<void> | undefined;
  const drop = () => (dropped ??= runStatement(url, `drop schema if exists ${name} cascade`));
  const onInterrupt = () => void drop().finally(() => process.exit(130));
  process.once('SIGINT', onInterrupt);
  return {
    url,
    name,
    drop: () => {
      process.off('SIGINT', onInterrupt);
      return drop();
    },
  };
}

/** Runs `work` with one connection to `url` whose search path is `schema` (closed afterwards). */
export async function withPostgresClient<T>(url: string, schema: string | undefined, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function runStatement(url: string, statement: string): Promise<void> {
  return withPostgresClient(url, undefined, async (client) => {
    await client.query(statement);
  });
}
