import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

import type { PgRowMode } from './pg-row-mode.js';

/**
 * The pool Kysely's PostgresDialect draws connections from (its documented `pool` option), over
 * a pg.Pool, with one difference: a connection on which a query failed because the database
 * was out is destroyed when it is released (pg's `client.release(error)`), never handed out
 * again.
 *
 * Why: a query that timed out on the client (`query_timeout`, a link gone silent) stays the
 * connection's active query, and pg queues every later query on that connection behind it. Put
 * back in the pool, such connections made every request time out after the link returned, for
 * as long as traffic kept them from idling out (issue 17: 503s for 47 s after an 8 s blackhole).
 * A failed connection also refuses further queries at once (a transaction's rollback, say)
 * instead of queueing them for another timeout.
 */
export function discardingPool(pool: pg.Pool, isOutage: (error: unknown) => boolean, rowMode?: PgRowMode): PostgresPool {
  // One wrapper per pg client, so Kysely (which keys its connections by client) reuses its own.
  const wrappers = new WeakMap<pg.PoolClient, DiscardingClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = new DiscardingClient(client, isOutage, rowMode);
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
    private readonly isOutage: (error: unknown) => boolean,
    private readonly rowMode: PgRowMode | undefined,
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
    const mode = this.rowMode;
    const sent = mode?.arrays
      ? this.client.query({ text: sqlOrCursor, values, rowMode: 'array', name: mode.statementName(sqlOrCursor) })
      : this.client.query(sqlOrCursor, values);
    return (sent as Promise<PostgresQueryResult<R>>).catch((error: unknown) => {
      if (this.isOutage(error)) this.failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    });
  }

  release(destroy?: boolean): void {
    const failure = this.failure;
    this.failure = undefined;
    this.client.release(failure ?? destroy);
  }
}
