/** The authenticated platform user a request acts for; the authenticators hand it out frozen. */
export interface LoggedUser {
  /** The user's UID (a UUID): the token's `sub`, or `X-User-UID` behind a trusted gateway. */
  readonly id: string;
  readonly username: string;
  readonly email: string | null;
}

/** getLoggedUser() was asked for the user of a request that was not authenticated. */
export class NoLoggedUserError extends Error {
  constructor() {
    super('getLoggedUser() was called outside an authenticated request: only an operation that requires authentication has a logged user');
    this.name = 'NoLoggedUserError';
  }
}

/** What carries a request's user: the context every handler receives (src/contract/operation-types.ts). */
export interface UserBearer {
  readonly user: LoggedUser | undefined;
}

/**
 * The user the request of `context` acts for; throws NoLoggedUserError for a request of an
 * operation without authentication.
 *
 * Why passed, not ambient (AsyncLocalStorage): on Node 20 an AsyncLocalStorage, once run, installs
 * a hook on every promise the process creates, for every request, whether or not it reads the
 * user, and one handler (getMe) reads it. Serving /customers took 318 us of CPU per request with it,
 * 270 us without (medians of 15 interleaved rounds, `bench/cpu-compare.ts customers 15 2`).
 * Passing the user also lets the types say which code runs for whom.
 */
export function getLoggedUser(context: UserBearer): LoggedUser {
  if (!context.user) throw new NoLoggedUserError();
  return context.user;
}
