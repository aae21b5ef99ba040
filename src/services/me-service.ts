import type { LoggedUser } from '../identity/user-context.js';

/** The caller's own identity, as the request's credentials name it. */
export class MeService {
  /** The public fields of `user`, the user the request acts for. */
  current(user: LoggedUser): LoggedUser {
    const { id, username, email } = user;
    return { id, username, email };
  }
}
