import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';

import type { paths } from './openapi.js';
import { retryMiddleware, type RetryOptions } from './retry.js';

/**
 * The typed API client: `GET`/`POST`/... keyed by the contract's paths, results typed per
 * status, plus the root URL it sends to (which `paginate` resolves `Link` headers against).
 */
export type TutorialApiClient = Client<paths> & { readonly baseUrl: string };

/** A bearer token, or a function that returns the current one (called before every request). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

/** How to reach the service. */
export interface ClientOptions {
  /** Root URL of the service, such as `http://127.0.0.1:8000`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: TokenSource | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** A fetch implementation (defaults to the global one). */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /**
   * Retries idempotent requests answered 429 or 503, after the `Retry-After` the service
   * sends (`true` for the defaults). Off unless asked for.
   */
  retry?: boolean | RetryOptions | undefined;
}

/**
 * Creates a client for the service. Every call returns `{ data }` on a documented success and
 * `{ error }` (a `Problem`) on a documented error, with `response` for headers such as `Link`.
 * Use `unwrap` to get the data or a thrown `ProblemError` instead.
 *
 * ```ts
 * const api = createClient({ baseUrl: 'http://127.0.0.1:8000', token });
 * const customers = unwrap(await api.GET('/customers', { params: { query: { region: 'US' } } }));
 * ```
 */
export function createClient(options: ClientOptions): TutorialApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const client = createFetchClient<paths>({
    baseUrl,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.token !== undefined) client.use(bearerAuth(options.token));
  // After authentication, so a retried request carries the same credentials.
  if (options.retry) client.use(retryMiddleware(options.retry === true ? {} : options.retry));
  return { ...client, baseUrl };
}

/** Adds `Authorization: Bearer <token>` to each request whose token source yields one. */
export function bearerAuth(token: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === 'function' ? await token() : token;
      if (value) request.headers.set('Authorization', `Bearer ${value}`);
      return request;
    },
  };
}
