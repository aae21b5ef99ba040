import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { DATASET } from './bench-config.js';
import { type BenchDatabase, type BenchEngine, benchPostgresUrl, describeDatabase } from './bench-database.js';
import { DATA_DIR } from './paths.js';
import { prepareBenchDatabase } from './prepare-db.js';
import { preparePostgresBenchDatabase } from './prepare-postgres.js';

/** `make bench`'s dataset on one engine, and how to be rid of it. */
export interface BenchData {
  database: BenchDatabase;
  /** One line for the log: where the data is and what it holds. */
  summary: string;
  /** Drops the PostgreSQL schema (the SQLite file stays, for cpu-compare and profile). */
  dispose(): Promise<void>;
}

/**
 * Builds `make bench`'s dataset (DATASET) afresh on `engine`. With `reuseSqlite`, an existing
 * `bench/.data/bench.sqlite` is used as it is (the profiling and comparison tools do that).
 */
export async function prepareBenchData(engine: BenchEngine, options: { reuseSqlite?: boolean } = {}): Promise<BenchData> {
  const sqliteFile = join(DATA_DIR, 'bench.sqlite');
  if (engine === 'sqlite' && options.reuseSqlite && existsSync(sqliteFile)) {
    return {
      database: { engine, url: sqliteFile },
      summary: `${sqliteFile} (as prepared by an earlier run)`,
      dispose: async () => undefined,
    };
  }
  const prepared =
    engine === 'sqlite'
      ? { ...prepareBenchDatabase(sqliteFile), drop: async () => undefined }
      : await preparePostgresBenchDatabase(benchPostgresUrl(), {
          label: 'main',
          customers: DATASET.customers,
          codeDigits: 5,
          daysBack: DATASET.daysBack,
        });
  const database: BenchDatabase = 'database' in prepared ? prepared.database : { engine: 'sqlite', url: prepared.file };
  return {
    database,
    summary: `${describeDatabase(database)}: ${prepared.customers} customers ${JSON.stringify(prepared.customersPerRegion)}, ${prepared.randomNumberDays} days of random numbers`,
    dispose: prepared.drop,
  };
}
