import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type BenchDatabase, type BenchEngine, benchPostgresUrl } from './bench-database.js';
import { DATA_DIR } from './paths.js';
import { cliEnv, insertSqliteCustomers, runCli } from './prepare-db.js';
import { preparePostgresBenchDatabase } from './prepare-postgres.js';
import { SCALE_CODE_DIGITS, type ScaleSize } from './scale-config.js';

/** One size's dataset on one engine, ready to serve. */
export interface ScaleDataset {
  size: ScaleSize;
  database: BenchDatabase;
  /** Seconds spent preparing it (0.x when a cached SQLite file was reused). */
  preparedInSeconds: number;
  reused: boolean;
  dispose(): Promise<void>;
}

/** Bumped whenever what a cached file holds changes, so older caches are rebuilt. */
const SQLITE_RECIPE = 1;

/** RANDOM_NUMBERS_DAYS_BACK for `years` of daily numbers. */
export function daysBack(years: number): number {
  return years * 365;
}

/**
 * SQLite: `bench/.data/scale-<customers>c-<years>y.sqlite`, built once and kept (its marker file
 * records the recipe); a rerun only lets the launcher add the days since it was built.
 * PostgreSQL: a schema of its own, loaded afresh and dropped by `dispose`.
 */
export async function prepareScaleDataset(engine: BenchEngine, size: ScaleSize): Promise<ScaleDataset> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  if (engine === 'postgres') {
    const prepared = await preparePostgresBenchDatabase(benchPostgresUrl(), {
      label: `scale_${size.label.toLowerCase()}`,
      customers: size.customers,
      codeDigits: SCALE_CODE_DIGITS,
      daysBack: daysBack(size.years),
    });
    return { size, database: prepared.database, preparedInSeconds: seconds(), reused: false, dispose: prepared.drop };
  }
  const file = join(DATA_DIR, `scale-${size.customers}c-${size.years}y.sqlite`);
  const marker = `${file}.json`;
  const database: BenchDatabase = { engine, url: file };
  const env = { ...cliEnv(database), RANDOM_NUMBERS_DAYS_BACK: String(daysBack(size.years)) };
  const reused =
    existsSync(file) && existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { recipe?: number }).recipe === SQLITE_RECIPE;
  if (!reused) {
    mkdirSync(DATA_DIR, { recursive: true });
    for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(`${file}${suffix}`, { force: true });
    runCli('migrate', env);
    insertSqliteCustomers(file, size.customers, SCALE_CODE_DIGITS);
  }
  runCli('random-number-launcher', env);
  if (!reused) writeFileSync(marker, `${JSON.stringify({ recipe: SQLITE_RECIPE, ...size })}\n`);
  return { size, database, preparedInSeconds: seconds(), reused, dispose: async () => undefined };
}
