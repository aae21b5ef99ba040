import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { DATASET } from './bench-config.js';
import { customerBatches } from './bench-customers.js';
import { type BenchDatabase, databaseEnv } from './bench-database.js';
import { cliEntry, DATA_DIR, ROOT } from './paths.js';

/** What the prepared database holds. */
export interface PreparedDatabase {
  file: string;
  customers: number;
  customersPerRegion: Record<string, number>;
  randomNumberDays: number;
}

/**
 * Builds a fresh benchmark database with the service's own tools: the migrate CLI creates the
 * schema, 10,000 customers are inserted over four regions, and the random-number launcher
 * publishes 3,000 days. Rebuilt on every run so results never depend on leftovers.
 */
export function prepareBenchDatabase(file = join(DATA_DIR, 'bench.sqlite')): PreparedDatabase {
  mkdirSync(DATA_DIR, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const env = cliEnv(file);

  runCli('migrate', env);
  insertSqliteCustomers(file, DATASET.customers, 5);
  runCli('random-number-launcher', { ...env, RANDOM_NUMBERS_DAYS_BACK: String(DATASET.daysBack) });

  const db = new Database(file, { readonly: true });
  try {
    const byRegion = db.prepare('select region, count(*) as n from customers group by region').all() as { region: string; n: number }[];
    const { table_name: table } = db.prepare('select table_name from data_nodes').get() as { table_name: string };
    const { n: days } = db.prepare(`select count(*) as n from "${table}"`).get() as { n: number };
    return {
      file,
      customers: byRegion.reduce((sum, r) => sum + r.n, 0),
      customersPerRegion: Object.fromEntries(byRegion.map((r) => [r.region, r.n])),
      randomNumberDays: days,
    };
  } finally {
    db.close();
  }
}

/** The environment the service's CLIs (and the servers) read their database from (a SQLite file or a BenchDatabase). */
export function cliEnv(database: string | BenchDatabase): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...databaseEnv(database), MAIN_SEQUENCE_PROJECT_ID: DATASET.projectId };
  delete env.RANDOM_NUMBERS_START_DATE;
  if (typeof database === 'string') delete env.DATABASE_SCHEMA;
  return env;
}

/** Runs one of the service's compiled CLIs (`migrate`, `random-number-launcher`) to completion. */
export function runCli(name: string, env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, [cliEntry(name)], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Rows per multi-row insert: 3 values each, well under SQLite's 32,766 bound parameters. */
const SQLITE_BATCH = 500;

/** Inserts `count` benchmark customers in one transaction, in multi-row statements. */
export function insertSqliteCustomers(file: string, count: number, codeDigits: number): void {
  const db = new Database(file);
  try {
    const multiRowInsert = (rows: number) =>
      db.prepare(`insert into customers (customer_code, name, region) values ${Array(rows).fill('(?, ?, ?)').join(', ')}`);
    const fullBatch = multiRowInsert(SQLITE_BATCH);
    db.transaction(() => {
      for (const batch of customerBatches(count, codeDigits, SQLITE_BATCH)) {
        const insert = batch.length === SQLITE_BATCH ? fullBatch : multiRowInsert(batch.length);
        insert.run(batch.flatMap((c) => [c.code, c.name, c.region]));
      }
    })();
  } finally {
    db.close();
  }
}
