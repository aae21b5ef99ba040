import { setImmediate as nextTurn } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { getLoggedUser, type LoggedUser, NoLoggedUserError, runAsUser } from '../../src/identity/user-context.js';

const ada: LoggedUser = { id: '7a0f3a52-3b0c-4f0e-9d49-2f6f1c0e2b11', username: 'ada', email: null };
const bob: LoggedUser = { id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', username: 'bob', email: 'bob@example.com' };

describe('getLoggedUser', () => {
  it('when called outside a request, throws a clear error', () => {
    expect(() => getLoggedUser()).toThrow(NoLoggedUserError);
    expect(() => getLoggedUser()).toThrow(/outside an authenticated request/);
  });

  it('when called across awaits inside runAsUser, still answers that user', async () => {
    const seen = await runAsUser(ada, async () => {
      await nextTurn();
      await Promise.resolve();
      return getLoggedUser();
    });
    expect(seen).toEqual(ada);
  });

  it('when two users run interleaved, each sees only its own', async () => {
    const run = (user: LoggedUser) =>
      runAsUser(user, async () => {
        const seen: string[] = [];
        for (let i = 0; i < 5; i++) {
          await nextTurn();
          seen.push(getLoggedUser().username);
        }
        return seen;
      });
    const [a, b] = await Promise.all([run(ada), run(bob)]);
    expect(a).toEqual(Array(5).fill('ada'));
    expect(b).toEqual(Array(5).fill('bob'));
  });

  it('when the run is over, the user is gone again', async () => {
    await runAsUser(ada, async () => undefined);
    expect(() => getLoggedUser()).toThrow(NoLoggedUserError);
  });

  it('when handed out, the user cannot be changed by the code that reads it', () => {
    runAsUser({ ...ada }, () => {
      expect(Object.isFrozen(getLoggedUser())).toBe(true);
    });
  });
});
