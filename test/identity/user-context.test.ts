import { describe, expect, it } from 'vitest';

import { getLoggedUser, type LoggedUser, NoLoggedUserError } from '../../src/identity/user-context.js';

const ada: LoggedUser = Object.freeze({ id: '7a0f3a52-3b0c-4f0e-9d49-2f6f1c0e2b11', username: 'ada', email: null });

describe('getLoggedUser', () => {
  it('when the request was not authenticated, throws a clear error', () => {
    expect(() => getLoggedUser({ user: undefined })).toThrow(NoLoggedUserError);
    expect(() => getLoggedUser({ user: undefined })).toThrow(/outside an authenticated request/);
  });

  it("when the request was authenticated, answers the request's user", () => {
    expect(getLoggedUser({ user: ada })).toBe(ada);
  });
});
