import { STATUS_CODES } from 'node:http';

import type { Logger } from 'pino';

import type { components } from '../../generated/openapi.js';
import { AppError, type FieldError, ServiceUnavailableError } from './app-error.js';
import { HttpProblemError } from './http-problem-error.js';
import type { ProblemCode } from './problem-code.js';
import { ResponseDriftError } from './response-drift-error.js';

/** An RFC 9457 problem document, as the contract's `Problem` schema defines it. */
export type Problem = components['schemas']['Problem'];

/** The problem media type every error response uses. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A thrown value as the caller will see it: the problem, its headers, and whether it was raised on purpose. */
export interface ProblemOutcome {
  problem: Problem;
  headers: Record<string, string>;
  expected: boolean;
}

/**
 * Builds a problem body: `type` is the contract's URN for `code` (one of `ProblemType`), and
 * `instance` names this occurrence by its request id (`urn:request-id:<id>`), which the caller
 * also gets as `request_id` and in the `X-Request-Id` header, so a support request can quote it.
 */
export function problem(status: number, code: ProblemCode, detail: string, requestId: string, errors?: FieldError[]): Problem {
  return {
    type: `urn:problem-type:${code.replace(/_/g, '-') as KebabCase<ProblemCode>}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: `urn:request-id:${requestId}`,
    request_id: requestId,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

type KebabCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}-${KebabCase<Tail>}` : S;

/**
 * The one place that turns any thrown value into a problem. Errors this service raised on
 * purpose keep their status and message; anything else is a generic 500 whose details stay
 * in the log, never in the response.
 */
export function problemFromError(error: unknown, requestId: string): ProblemOutcome {
  if (error instanceof ServiceUnavailableError) {
    return {
      problem: problem(503, error.code, error.message, requestId),
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
      expected: true,
    };
  }
  if (error instanceof AppError && error.status >= 400 && error.status < 500) {
    return {
      problem: problem(error.status, error.code, error.message, requestId, error.errors),
      headers: error instanceof HttpProblemError ? error.headers : {},
      expected: true,
    };
  }
  if (error instanceof ResponseDriftError) {
    const detail = 'The server produced a response that does not match its contract; quote the request id when reporting it.';
    return { problem: problem(500, 'internal_error', detail, requestId), headers: {}, expected: false };
  }
  return {
    problem: problem(
      500,
      'internal_error',
      'The server could not complete the request; quote the request id when reporting it.',
      requestId,
    ),
    headers: {},
    expected: false,
  };
}

/**
 * Logs what a problem hides from the caller: the error of a 500 (for a drifted response, what
 * drifted), and the engine's cause of a 503 (an outage an operator must see); expected 4xx are
 * logged by the access log alone.
 */
export function logProblemCause(logger: Logger, error: unknown, outcome: ProblemOutcome, requestId: string): void {
  if (error instanceof ResponseDriftError) {
    const { operationId, status, violations } = error;
    logger.error({ operationId, status, errors: violations, requestId }, 'response does not match the contract; sent 500 instead');
  } else if (!outcome.expected) logger.error({ err: error, requestId }, 'unhandled error');
  else if (outcome.problem.status === 503) logger.warn({ err: (error as Error).cause ?? error, requestId }, outcome.problem.detail);
}
