import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

import { logProblemCause, problemFromError } from '../errors/problem.js';
import { writeProblem } from './response-writer.js';

/**
 * Last resort, for what fails outside the request pipeline (the docs page, CORS): anything
 * that reached Express's error path leaves as a problem, never a stack trace.
 */
export function problemErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const outcome = problemFromError(error, req.id);
    logProblemCause(logger, error, outcome, req.id);
    writeProblem(res, outcome);
  };
}
