import type { ProblemCode } from './problem-code.js';

/** One field that made a request or a value unacceptable. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Base of every error this service raises on purpose. `status` is the HTTP-compatible category
 * (so the one problem mapper never guesses); `code` is a stable machine-readable name.
 */
export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly status: number,
    message: string,
    options: { cause?: unknown; errors?: FieldError[] } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.errors = options.errors;
  }

  readonly errors: FieldError[] | undefined;
}

/** Input that passed the contract's schema but breaks a rule the schema cannot express. */
export class InvalidInputError extends AppError {
  constructor(message: string, errors: FieldError[]) {
    super('invalid_input', 400, message, { errors });
  }
}

/** A named thing does not exist. */
export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', 404, message);
  }
}

/** The write would duplicate something that must be unique. */
export class ConflictError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('conflict', 409, message, options);
  }
}

/** A dependency (the database) cannot serve right now; the caller should retry after a pause. */
export class ServiceUnavailableError extends AppError {
  constructor(
    code: ProblemCode,
    message: string,
    readonly retryAfterSeconds: number,
    options: { cause?: unknown } = {},
  ) {
    super(code, 503, message, options);
  }
}
