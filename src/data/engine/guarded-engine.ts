import { type CompiledQuery, type Dialect, Kysely, type KyselyConfig, sql } from 'kysely';

import { type ArrayRowsReader, withArrayRows } from './array-rows.js';
import type { ConnectionUse } from './connection-use.js';
import { guardDialect, outageError, type OutagePolicy, PreparationGate } from './guarded-dialect.js';
import type { StorageEngine, StorageOptions } from './storage-engine.js';

/** What differs between engines; the query builder, ping and close are built the same way. */
export type EngineTraits = Pick<StorageEngine, 'kind' | 'schema' | 'isUniqueViolation' | 'poolStatus'>;

/** How a guarded engine is set up besides its dialect and outage policy. */
export interface GuardedEngineOptions extends Pick<StorageOptions, 'prepare' | 'onQuery'> {
  /** How the engine reads rows as arrays, if it can. */
  arrayRows?: ArrayRowsReader;
  /**
   * Runs a template read (rows as arrays) on a connection of the engine's own, without going
   * through Kysely, if the engine can; errors are translated and preparation waited for here.
   */
  readArrays?: (query: CompiledQuery) => Promise<unknown[]>;
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
  const { prepare, arrayRows, onQuery, connectionUse, readArrays } = options;
  const log: KyselyConfig['log'] = onQuery && ((event) => onQuery(event.query));
  const engine = (db: Kysely<any>, gate?: PreparationGate): StorageEngine => {
    const direct = readArrays && guardedReads(readArrays, policy, gate, onQuery);
    return {
      ...traits,
      db,
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      destroy: () => db.destroy(),
      // Only reads on this engine's own Kysely go direct: a copy of the engine whose `db` is a
      // transaction (`{ ...engine, db: trx }`) must read on the transaction's connection.
      readArrayRows: (on, query) =>
        direct && on === db ? direct(query) : on.executeQuery(withArrayRows(query)).then((result) => result.rows),
    };
  };
  const gate =
    prepare &&
    new PreparationGate(() => prepare(engine(new Kysely<any>({ dialect: guardDialect(dialect, policy, undefined, arrayRows) }))));
  return engine(new Kysely<any>({ dialect: guardDialect(dialect, policy, gate, arrayRows, connectionUse), ...(log ? { log } : {}) }), gate);
}

/** `read` behind the preparation gate, with outages translated and each successful query told to `onQuery`. */
function guardedReads(
  read: (query: CompiledQuery) => Promise<unknown[]>,
  policy: OutagePolicy,
  gate: PreparationGate | undefined,
  onQuery: ((query: CompiledQuery) => void) | undefined,
): (query: CompiledQuery) => Promise<unknown[]> {
  const fail = (error: unknown): never => {
    throw outageError(policy, error);
  };
  return (query) => {
    const pending = gate?.wait();
    const rows = (pending ? pending.then(() => read(query)) : read(query)).catch(fail);
    return onQuery
      ? rows.then((result) => {
          onQuery(query);
          return result;
        })
      : rows;
  };
}
