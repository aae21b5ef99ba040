/**
 * A query that got no answer in time: the link to PostgreSQL may have gone silent (packets
 * dropped, nothing reset), where only the client can notice. Its message starts as node-postgres's
 * own ("Query read timeout"), which `postgresOutage` classifies as a timeout.
 */
export class QueryReadTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Query read timeout: no answer from PostgreSQL within ${timeoutMs} ms`);
    this.name = 'QueryReadTimeoutError';
  }
}

/**
 * Calls `expire` with a QueryReadTimeoutError unless the function returned is called within
 * `timeoutMs`; each query's caller arms one and disarms it when the answer arrives.
 *
 * Why not node-postgres's `query_timeout` option, which does this for every query: its timer's
 * callback shares a closure with the query, whose rows accumulate there, and under load with it
 * the rows of nearly every read outlived two young-generation collections and were promoted to
 * the old generation. Measured with `node --trace-gc-nvp` on a bare pg.Pool server reading 51
 * customers per request: 2.6 MB promoted per young collection with `query_timeout`, 10 KB with a
 * timer like this one, whose callback holds only what it needs to fail the query (20k against 28k
 * requests in 6 s). In the service the old-generation collections then ran about every fifth
 * young one.
 */
export function readDeadline(timeoutMs: number, expire: (error: QueryReadTimeoutError) => void): () => void {
  const timer = setTimeout(() => expire(new QueryReadTimeoutError(timeoutMs)), timeoutMs);
  return () => clearTimeout(timer);
}
