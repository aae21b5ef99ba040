import autocannon from 'autocannon';

/** What one load run measured. */
export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts and non-2xx answers. */
  errors: number;
  requests: number;
  statusCodes: Record<string, number>;
  /** Socket-level errors by message (connection resets, timeouts, ...). */
  errorKinds: Record<string, number>;
}

/** Loads `url` with autocannon for `durationSeconds` over `connections` keep-alive connections. */
export async function runLoad(
  url: string,
  headers: Record<string, string>,
  connections: number,
  durationSeconds: number,
): Promise<LoadResult> {
  const errorKinds: Record<string, number> = {};
  const result = await autocannon({ url, connections, duration: durationSeconds, headers, timeout: 10 }).on('reqError', (error) => {
    errorKinds[error.message] = (errorKinds[error.message] ?? 0) + 1;
  });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    requests: result.requests.total,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    errorKinds,
  };
}
