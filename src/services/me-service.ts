import { getLoggedUser, type LoggedUser } from '../identity/user-context.js';

/** The caller's own identity, as the request's credentials name it. */
export class MeService {
  /** The user the current request acts for (only the public fields). */
  current(): LoggedUser {
    const { id, username, email } = getLoggedUser();
    return { id, username, email };
  }
}
