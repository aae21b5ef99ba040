import { AsyncLocalStorage } from 'node:async_hooks';

/** The authenticated platform user a request acts for. */
export interface LoggedUser {
  /** The user's UID (a UUID): the token's `sub`, or `X-User-UID` behind a trusted gateway. */
  readonly id: string;
  readonly username: string;
  readonly email: string | null;
}

/** getLoggedUser() was called where no authenticated request is being served. */
export class NoLoggedUserError extends Error {
  constructor() {
    super(
      'getLoggedUser() was called outside an authenticated request: only code running on behalf of an operation that requires authentication has a logged user',
    );
    this.name = 'NoLoggedUserError';
  }
}

const current = new AsyncLocalStorage<LoggedUser>();

/** Runs `body` (and everything it awaits or schedules) as `user`; concurrent runs never see each other's user. */
export function runAsUser<T>(user: LoggedUser, body: () => T): T {
  return current.run(Object.freeze({ ...user }), body);
}

/** The user of the request being served, from anywhere in its call path; throws NoLoggedUserError outside one. */
export function getLoggedUser(): LoggedUser {
  const user = current.getStore();
  if (!user) throw new NoLoggedUserError();
  return user;
}
