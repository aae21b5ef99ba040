import type { CompiledQuery } from 'kysely';
import type pg from 'pg';

import type { PgRowMode } from './pg-row-mode.js';
import { readDeadline } from './read-deadline.js';

/** How `pgArrayReads` hands back connections and reports waits. */
export interface PgArrayReadsOptions {
  /** Names each query text's prepared statement (shared with the Kysely path, so one text has one name). */
  rowMode: PgRowMode;
  /** Whether a query error means the database was out: the connection is then destroyed, never reused. */
  isOutage: (error: unknown) => boolean;
  /** Told how long each wait for a connection took, in seconds. */
  onAcquired?: (waitSeconds: number) => void;
  /** How long a read may wait for its answer before it fails and its connection is destroyed (see read-deadline.ts). */
  readTimeoutMs: number;
}

/**
 * Runs template reads (rows as arrays, named prepared statements) straight on the pg.Pool, the
 * way the benchmark's floor runs its queries, instead of through Kysely's executor and driver.
 *
 * Why: on PostgreSQL a read waits for the database across event-loop turns, and Kysely's path
 * keeps a chain of about a dozen async frames and promises alive meanwhile (executor, connection
 * provider, runtime driver, our guarded driver and pool, pg's promise and its stack-trace catch),
 * then allocates a wrapper connection per query. pg's callback API here holds one promise per
 * read. Same connection rules as `discardingPool`: a connection on which a read failed with an
 * outage (a client-side timeout above all) is destroyed on release, never handed out again.
 */
export function pgArrayReads(pool: pg.Pool, options: PgArrayReadsOptions): (query: CompiledQuery) => Promise<unknown[]> {
  const { rowMode, isOutage, onAcquired, readTimeoutMs } = options;
  return (query) =>
    new Promise<unknown[]>((resolve, reject) => {
      const started = onAcquired ? performance.now() : 0;
      pool.connect((connectError, client, release) => {
        if (onAcquired) onAcquired((performance.now() - started) / 1000);
        if (connectError || !client) {
          reject(connectError ?? new Error('the pool handed out no connection'));
          return;
        }
        const config: pg.QueryArrayConfig = {
          text: query.sql,
          values: query.parameters as unknown[],
          rowMode: 'array',
          name: rowMode.statementName(query.sql),
        };
        let settled = false;
        // An answer that never comes (a silent link): the read fails and its connection is
        // destroyed, which also ends the query still waiting on it.
        const answered = readDeadline(readTimeoutMs, (timeout) => {
          settled = true;
          release(timeout);
          reject(timeout);
        });
        client.query(config, (queryError: Error | undefined, result: pg.QueryArrayResult) => {
          if (settled) return;
          settled = true;
          answered();
          release(queryError && isOutage(queryError) ? queryError : undefined);
          if (queryError) reject(queryError);
          else resolve(result.rows);
        });
      });
    });
}
