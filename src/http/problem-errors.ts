import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { logProblemCause, PROBLEM_CONTENT_TYPE, problemFromError } from '../contract/problem.js';

/** Last resort: anything that reached Express's error path leaves as a problem, never a stack trace. */
export function problemErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const outcome = problemFromError(error);
    logProblemCause(logger, error, outcome, req.id);
    const { problem, headers } = outcome;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  };
}
