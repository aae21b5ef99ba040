/** Prepared statements named per process at most; texts past it run unnamed (parsed each time). */
const MAX_NAMED_STATEMENTS = 256;

/**
 * How node-postgres is to run the query it is about to be given, for reads marked by
 * `withArrayRows` (the compiled query templates, whose texts repeat): rows as arrays (pg's
 * `rowMode: 'array'`), and as a named prepared statement, which each connection parses and
 * plans once instead of on every request. Set by `reading` for one synchronous call, during which
 * Kysely's PostgreSQL connection hands its query to the pool client (it calls `client.query`
 * before its first await), so the mode cannot leak into another query.
 */
export class PgRowMode {
  arrays = false;
  readonly #names = new Map<string, string>();

  /** Runs `read` (one query, started synchronously) with its rows asked for as arrays. */
  reading<T>(read: () => T): T {
    this.arrays = true;
    try {
      return read();
    } finally {
      this.arrays = false;
    }
  }

  /**
   * The prepared statement name of `text`, one per distinct text in this process (pg refuses
   * one name for two texts), or undefined once MAX_NAMED_STATEMENTS are named.
   */
  statementName(text: string): string | undefined {
    let name = this.#names.get(text);
    if (name === undefined && this.#names.size < MAX_NAMED_STATEMENTS) {
      name = `read_${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return name;
  }
}
