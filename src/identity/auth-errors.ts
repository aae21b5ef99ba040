import { ServiceUnavailableError } from '../errors/app-error.js';
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
    super(
      'insufficient_scope',
      403,
      `This operation requires the scope ${missing.join(' ')}, which the caller's credentials do not grant`,
      {
        headers: {
          'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${missing.join(' ')}"`,
        },
      },
    );
  }
}

/** Seconds a caller is asked to wait when the identity provider's keys cannot be fetched. */
export const IDENTITY_PROVIDER_RETRY_AFTER_SECONDS = 5;

/**
 * The identity provider's signing keys (its JWKS) cannot be fetched or read, so a token cannot
 * be checked either way: 503 with Retry-After, since the caller's token may well be good. The
 * fetch error (with the provider's URL) stays in `cause`, for the log only.
 */
export class IdentityProviderUnavailableError extends ServiceUnavailableError {
  constructor(cause: unknown) {
    super(
      'identity_provider_unavailable',
      `The identity provider's signing keys cannot be fetched, so the token cannot be checked; retry after ${IDENTITY_PROVIDER_RETRY_AFTER_SECONDS} s`,
      IDENTITY_PROVIDER_RETRY_AFTER_SECONDS,
      { cause },
    );
  }
}

// Header parameter values are quoted strings: drop what would end them early.
function quoted(text: string): string {
  return text.replace(/["\\\r\n]/g, '');
}
