import { type Dialect, Kysely, type KyselyConfig, sql } from 'kysely';

import type { ArrayRowsReader } from './array-rows.js';
import type { ConnectionUse } from './connection-use.js';
import { guardDialect, type OutagePolicy, PreparationGate } from './guarded-dialect.js';
import type { StorageEngine, StorageOptions } from './storage-engine.js';

/** What differs between engines; the query builder, ping and close are built the same way. */
export type EngineTraits = Pick<StorageEngine, 'kind' | 'schema' | 'isUniqueViolation' | 'poolStatus'>;

/** How a guarded engine is set up besides its dialect and outage policy. */
export interface GuardedEngineOptions extends Pick<StorageOptions, 'prepare' | 'onQuery'> {
  /** How the engine reads rows as arrays, if it can. */
  arrayRows?: ArrayRowsReader;
  /** Counts the connections the engine's queries are handed (not those of `prepare`). */
  connectionUse?: ConnectionUse;
}

/**
 * A StorageEngine over `dialect` whose outages (as `policy` recognises them) surface as
 * StorageUnavailableError and whose first query waits for `prepare`, which itself runs on an
 * engine without that wait.
 */
export function guardedEngine(
  traits: EngineTraits,
  dialect: Dialect,
  policy: OutagePolicy,
  options: GuardedEngineOptions = {},
): StorageEngine {
  const { prepare, arrayRows, onQuery, connectionUse } = options;
  const log: KyselyConfig['log'] = onQuery && ((event) => onQuery(event.query));
  const engine = (db: Kysely<any>): StorageEngine => ({
    ...traits,
    db,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    destroy: () => db.destroy(),
  });
  const gate =
    prepare &&
    new PreparationGate(() => prepare(engine(new Kysely<any>({ dialect: guardDialect(dialect, policy, undefined, arrayRows) }))));
  return engine(new Kysely<any>({ dialect: guardDialect(dialect, policy, gate, arrayRows, connectionUse), ...(log ? { log } : {}) }));
}
