// Type-level checks (run by `tsc`, not vitest): an error can only name a problem kind the
// contract's ProblemType lists, so no code path sends a `type` the contract does not document.
import { AppError } from '../../src/errors/app-error.js';
import { HttpProblemError } from '../../src/errors/http-problem-error.js';
import { problem } from '../../src/errors/problem.js';
import type { ProblemCode } from '../../src/errors/problem-code.js';

export const documented: ProblemCode[] = ['validation_error', 'not_found', 'identity_provider_unavailable'];

// @ts-expect-error 'teapot' is not a problem type of the contract
export const undocumented: ProblemCode = 'teapot';

// @ts-expect-error a kind the contract does not list cannot be raised
export const raised = new HttpProblemError('mock_code_not_documented', 400, 'no such kind');

// @ts-expect-error nor built directly
export const built = problem(418, 'teapot', 'no such kind', 'request-1');

export const fine = new AppError('conflict', 409, 'a documented kind');
