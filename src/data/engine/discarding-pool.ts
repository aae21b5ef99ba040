import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

import type { PgRowMode } from './pg-row-mode.js';
import { readDeadline } from './read-deadline.js';

/** What `discardingPool` needs to know. */
export interface DiscardingPoolOptions {
  /** Whether a query error means the database was out: the connection is then destroyed on release. */
  isOutage: (error: unknown) => boolean;
  /** How long a query may wait for its answer before it fails as an outage (see read-deadline.ts). */
  readTimeoutMs: number;
  /** Marks the template reads to run with rows as arrays, as named prepared statements. */
  rowMode?: PgRowMode;
}

/**
 * The pool Kysely's PostgresDialect draws connections from (its documented `pool` option), over
 * a pg.Pool, with one difference: a connection on which a query failed because the database
 * was out is destroyed when it is released (pg's `client.release(error)`), never handed out
 * again.
 *
 * Why: a query that timed out on the client (its read deadline, a link gone silent) stays the
 * connection's active query, and pg queues every later query on that connection behind it. Put
 * back in the pool, such connections made every request time out after the link returned, for
 * as long as traffic kept them from idling out (issue 17: 503s for 47 s after an 8 s blackhole).
 * A failed connection also refuses further queries at once (a transaction's rollback, say)
 * instead of queueing them for another timeout.
 */
export function discardingPool(pool: pg.Pool, options: DiscardingPoolOptions): PostgresPool {
  // One wrapper per pg client, so Kysely (which keys its connections by client) reuses its own.
  const wrappers = new WeakMap<pg.PoolClient, DiscardingClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = new DiscardingClient(client, options);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

class DiscardingClient implements PostgresPoolClient {
  /** The outage a query on this connection failed with, while it is checked out. */
  private failure: Error | undefined;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly options: DiscardingPoolOptions,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Streaming (a cursor) is not configured on this dialect; hand it through untouched.
    if (typeof sqlOrCursor !== 'string') return this.client.query(sqlOrCursor as never) as PostgresCursor<R>;
    if (this.failure) return Promise.reject(this.failure);
    const values = parameters as unknown[];
    const mode = this.options.rowMode;
    const sent = mode?.arrays
      ? this.client.query({ text: sqlOrCursor, values, rowMode: 'array', name: mode.statementName(sqlOrCursor) })
      : this.client.query(sqlOrCursor, values);
    return new Promise<PostgresQueryResult<R>>((resolve, reject) => {
      // No answer in time: the query fails as an outage, so the connection is destroyed when
      // Kysely releases it (which also ends the query still waiting on it).
      const answered = readDeadline(this.options.readTimeoutMs, (timeout) => {
        this.failure = timeout;
        reject(timeout);
      });
      (sent as Promise<PostgresQueryResult<R>>).then(
        (result) => {
          answered();
          resolve(result);
        },
        (error: unknown) => {
          answered();
          if (this.options.isOutage(error)) this.failure ??= error instanceof Error ? error : new Error(String(error));
          reject(error);
        },
      );
    });
  }

  release(destroy?: boolean): void {
    const failure = this.failure;
    this.failure = undefined;
    this.client.release(failure ?? destroy);
  }
}
