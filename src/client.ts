import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from '../generated/openapi.js';

/** The typed API client: `GET`/`POST`/... keyed by the contract's paths, results typed per status. */
export type TutorialApiClient = Client<paths>;

/** An RFC 9457 problem document, exactly as the contract's `Problem` schema defines it. */
export type Problem = components['schemas']['Problem'];

/** Every schema the contract names, for consumers that need the body types on their own. */
export type Schemas = components['schemas'];

/** A bearer token, or a function that returns the current one (called before every request). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

/** How to reach the service. */
export interface ClientOptions {
  /** Root URL of the service, such as `http://127.0.0.1:8000`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: TokenSource;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** A fetch implementation (defaults to the global one). */
  fetch?: (request: Request) => Promise<Response>;
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
  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.token !== undefined) client.use(bearerAuth(options.token));
  return client;
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

/** Thrown by `unwrap` when the service answered with a problem document. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  /** The HTTP status of the answer. */
  readonly status: number;

  constructor(
    /** The problem document the service sent (or one describing an undocumented answer). */
    readonly problem: Problem,
    /** The raw response, for headers such as `X-Request-Id`. */
    readonly response: Response,
  ) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.status = problem.status;
  }
}

/** Whether `value` has the shape of a problem document. */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.type === 'string' &&
    typeof candidate.title === 'string' &&
    typeof candidate.status === 'number' &&
    typeof candidate.detail === 'string'
  );
}

/** The `{ data } | { error }` result every client call resolves to. */
export type ClientResult =
  | { data: unknown; error?: never; response: Response }
  | { data?: never; error: unknown; response: Response };

/** The data of the success branch of a client result. */
export type SuccessData<R extends ClientResult> = Extract<R, { error?: never }>['data'];

/**
 * Returns the data of a successful call, or throws a `ProblemError` for an error answer. An
 * error body that is not a problem document (a proxy's HTML page, say) becomes a problem that
 * says so, so callers always catch one type.
 */
export function unwrap<R extends ClientResult>(result: R): SuccessData<R> {
  if (result.error === undefined) return result.data as SuccessData<R>;
  const { response } = result;
  const body: unknown = result.error;
  throw new ProblemError(
    isProblem(body)
      ? body
      : {
          type: 'about:blank',
          title: response.statusText || 'Error',
          status: response.status,
          detail: `The service answered ${response.status} without a problem document`,
        },
    response,
  );
}
