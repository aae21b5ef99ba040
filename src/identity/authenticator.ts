import type { IncomingHttpHeaders } from 'node:http';

import { AuthenticationError } from './auth-errors.js';
import type { LoggedUser } from './user-context.js';

/** Who is calling and what they may do. */
export interface AuthenticatedCaller {
  readonly user: LoggedUser;
  readonly scopes: ReadonlySet<string>;
}

/**
 * The part of a request an authenticator reads (Node's IncomingMessage has both). `headers`
 * joins a repeated `x-*` header with ", " and keeps only the first `Authorization`, so a
 * repeated credential can only be seen in `headersDistinct`, which lists every value sent.
 */
export interface CredentialsCarrier {
  readonly headers: IncomingHttpHeaders;
  readonly headersDistinct: NodeJS.Dict<string[]>;
}

/** Turns a request's credentials into a caller, or throws AuthenticationError (401). */
export interface Authenticator {
  authenticate(request: CredentialsCarrier): Promise<AuthenticatedCaller>;
}

/** A UUID in its canonical text form (any version); user UIDs must be one. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refuses identity headers this mode must not trust before `inner` runs: the legacy numeric
 * `X-User-ID` always, and `X-User-UID` / `X-Username` unless a trusted gateway sets them. A
 * caller that sends them is told so, instead of the header being silently ignored.
 */
export function refusingUntrustedHeaders(inner: Authenticator, trustedGateway: boolean): Authenticator {
  return {
    authenticate(request) {
      const headers = request.headers;
      if (headers['x-user-id'] !== undefined) {
        return Promise.reject(
          new AuthenticationError('The legacy X-User-ID header is not accepted; authenticate with a bearer token', { tokenGiven: false }),
        );
      }
      if (!trustedGateway && (headers['x-user-uid'] !== undefined || headers['x-username'] !== undefined)) {
        return Promise.reject(
          new AuthenticationError('X-User-UID and X-Username are only trusted behind a gateway (AUTH_TRUSTED_GATEWAY=1)', {
            tokenGiven: false,
          }),
        );
      }
      return inner.authenticate(request);
    },
  };
}

/**
 * Authenticates each request at most once, however many parts of the app ask (the rate
 * limiter keys by caller, the contract's security handler checks scopes). The outcome rides on
 * the request under a symbol of this authenticator's own: a WeakMap entry per request cost
 * more, in the insert and again in every garbage collection that had to visit it.
 */
export function oncePerRequest(inner: Authenticator): Authenticator {
  const outcome = Symbol('authentication outcome');
  return {
    authenticate(request) {
      const carrier = request as CredentialsCarrier & { [outcome]?: Promise<AuthenticatedCaller> };
      return (carrier[outcome] ??= inner.authenticate(request));
    },
  };
}
