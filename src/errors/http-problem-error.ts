import { AppError, type FieldError } from './app-error.js';
import type { ProblemCode } from './problem-code.js';

/**
 * An error that carries response headers (Allow, WWW-Authenticate, Retry-After): raised by the
 * HTTP edge (routing, body parsing) and by identity; turned into a problem in one place.
 */
export class HttpProblemError extends AppError {
  constructor(
    code: ProblemCode,
    status: number,
    message: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(code, status, message, options);
    this.headers = options.headers ?? {};
  }

  readonly headers: Record<string, string>;
}
