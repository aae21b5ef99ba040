import type pg from 'pg';

import { customerBatches } from './bench-customers.js';
import type { BenchDatabase } from './bench-database.js';
import { createBenchSchema, withPostgresClient } from './postgres-schema.js';
import { cliEnv, runCli } from './prepare-db.js';

/** What one prepared PostgreSQL schema holds, and how to drop it. */
export interface PreparedPostgres {
  database: BenchDatabase;
  customers: number;
  customersPerRegion: Record<string, number>;
  randomNumberDays: number;
  drop(): Promise<void>;
}

/** What to load. */
export interface PostgresDataset {
  /** Part of the schema name, e.g. `main` or `scale_100k`. */
  label: string;
  customers: number;
  codeDigits: number;
  /** RANDOM_NUMBERS_DAYS_BACK for the launcher. */
  daysBack: number;
}

/** Rows per insert: the values travel as three arrays, so one statement carries many rows. */
const POSTGRES_BATCH = 20_000;

/**
 * A fresh schema of its own, built with the service's own tools like the SQLite dataset: the
 * migrate CLI creates the tables, the customers go in with one transaction of array inserts
 * (`unnest` of three text arrays, the closest `pg` comes to COPY without another package), and
 * the random-number launcher publishes the days.
 */
export async function preparePostgresBenchDatabase(url: string, dataset: PostgresDataset): Promise<PreparedPostgres> {
  const schema = await createBenchSchema(url, dataset.label);
  try {
    const database: BenchDatabase = { engine: 'postgres', url, schema: schema.name };
    const env = cliEnv(database);
    runCli('migrate', env);
    await withPostgresClient(url, schema.name, (client) => insertPostgresCustomers(client, dataset.customers, dataset.codeDigits));
    runCli('random-number-launcher', { ...env, RANDOM_NUMBERS_DAYS_BACK: String(dataset.daysBack) });
    const counts = await withPostgresClient(url, schema.name, analyzeAndCount);
    return { database, ...counts, drop: schema.drop };
  } catch (error) {
    await schema.drop();
    throw error;
  }
}

/** Inserts `count` benchmark customers in one transaction. */
export async function insertPostgresCustomers(client: pg.Client, count: number, codeDigits: number): Promise<void> {
  await client.query('begin');
  try {
    for (const batch of customerBatches(count, codeDigits, POSTGRES_BATCH)) {
      await client.query('insert into customers (customer_code, name, region) select * from unnest($1::text[], $2::text[], $3::text[])', [
        batch.map((c) => c.code),
        batch.map((c) => c.name),
        batch.map((c) => c.region),
      ]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/**
 * Gives the planner fresh statistics of this schema's tables (as autovacuum would soon after a
 * bulk load; a bare ANALYZE would visit other schemas too), then counts what was loaded.
 */
async function analyzeAndCount(client: pg.Client): Promise<Omit<PreparedPostgres, 'database' | 'drop'>> {
  const { rows: nodes } = await client.query<{ table_name: string }>('select table_name from data_nodes');
  await client.query(`analyze customers, data_nodes, "${nodes[0]!.table_name}"`);
  const byRegion = await client.query<{ region: string; n: number }>(
    'select region, count(*)::int as n from customers group by region order by region',
  );
  const { rows: days } = await client.query<{ n: number }>(`select count(*)::int as n from "${nodes[0]!.table_name}"`);
  return {
    customers: byRegion.rows.reduce((sum, r) => sum + r.n, 0),
    customersPerRegion: Object.fromEntries(byRegion.rows.map((r) => [r.region, r.n])),
    randomNumberDays: days[0]!.n,
  };
}
