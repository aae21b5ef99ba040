import { HttpProblemError } from '../errors/http-problem-error.js';

const REALM = 'tutorial-api';

/**
 * Missing or invalid credentials: 401 with a `WWW-Authenticate: Bearer` challenge, carrying
 * `error="invalid_token"` when a token was offered (RFC 6750 section 3). The detail never
 * repeats the token.
 */
export class AuthenticationError extends HttpProblemError {
  constructor(detail: string, options: { tokenGiven: boolean; cause?: unknown }) {
    super('unauthorized', 401, detail, {
      cause: options.cause,
      headers: {
        'WWW-Authenticate': options.tokenGiven
          ? `Bearer realm="${REALM}", error="invalid_token", error_description="${quoted(detail)}"`
          : `Bearer realm="${REALM}"`,
      },
    });
  }
}

/** A valid identity without a scope the operation requires: 403 naming the missing scopes. */
export class InsufficientScopeError extends HttpProblemError {
  constructor(readonly missing: readonly string[]) {
    super('insufficient_scope', 403, `This operation requires the scope ${missing.join(' ')}, which the caller's credentials do not grant`, {
      headers: {
        'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${missing.join(' ')}"`,
      },
    });
  }
}

// Header parameter values are quoted strings: drop what would end them early.
function quoted(text: string): string {
  return text.replace(/["\\\r\n]/g, '');
}
