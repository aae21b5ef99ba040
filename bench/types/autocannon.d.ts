// The slice of autocannon 8's programmatic API the bench and the soak use (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      pipelining?: number;
      timeout?: number;
      headers?: Record<string, string>;
      /** Sent in turn by every connection, starting again after the last. */
      requests?: Request[];
    }
    /** What one request sends; `setupRequest` may rewrite it each time it is sent. */
    interface RequestParams {
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }
    /** One entry of `requests`; `context` is per connection and cleared when the list starts again. */
    interface Request extends RequestParams {
      setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams;
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
    }
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }
    interface Result {
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      latency: Histogram;
      requests: Histogram & { sent: number };
      throughput: Histogram;
    }
  }
  /** A running load: emits `reqError` per failed request and resolves with the result. */
  interface Instance extends PromiseLike<autocannon.Result> {
    on(event: 'reqError', listener: (error: Error) => void): this;
    /** Every answer, with its latency in ms (after the request's `onResponse`). */
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void): this;
  }
  function autocannon(options: autocannon.Options): Instance;
  export = autocannon;
}
