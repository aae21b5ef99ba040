import type { components } from './openapi.js';

/** An RFC 9457 problem document, exactly as the contract's `Problem` schema defines it. */
export type Problem = components['schemas']['Problem'];

/** What `unwrap` reports for an error answer that is not a problem document (a proxy's HTML page, say). */
export interface UndocumentedAnswer {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  errors?: undefined;
}

/** Thrown by `unwrap` (and `paginate`) when the service answered with a problem document. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  /** The HTTP status of the answer. */
  readonly status: number;

  constructor(
    /** The problem document the service sent (or one describing an undocumented answer). */
    readonly problem: Problem | UndocumentedAnswer,
    /** The raw response, for headers such as `X-Request-Id` or `Retry-After`. */
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
export type ClientResult = { data: unknown; error?: never; response: Response } | { data?: never; error: unknown; response: Response };

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
