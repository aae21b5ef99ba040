/**
 * Whether the query node-postgres is about to be given should return its rows as arrays (pg's
 * `rowMode: 'array'`): set by `reading` for one synchronous call, during which Kysely's
 * PostgreSQL connection hands its query to the pool client (it calls `client.query` before its
 * first await), so the mode cannot leak into another query.
 */
export class PgRowMode {
  arrays = false;

  /** Runs `read` (one query, started synchronously) with its rows asked for as arrays. */
  reading<T>(read: () => T): T {
    this.arrays = true;
    try {
      return read();
    } finally {
      this.arrays = false;
    }
  }
}
