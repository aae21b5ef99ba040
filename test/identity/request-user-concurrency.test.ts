import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { sql } from 'kysely';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getLoggedUser } from '../../src/identity/user-context.js';
import { engines } from '../support/engines.js';
import { buildTestApp, mintTestToken } from '../support/test-app.js';

describe.each(engines)('the request-scoped user under concurrency on $name', (engine) => {
  let app: Server;
  let close: () => Promise<void>;
  const users = Array.from({ length: 40 }, (_, i) => ({ id: randomUUID(), username: `user-${i}`, email: `user-${i}@example.com` }));
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    const opened = await engine.open();
    close = opened.close;
    ({ app } = await buildTestApp(opened.storage, {
      // getMe, made slow and interleaving: it reads the user, awaits the database and a random
      // pause, reads the user again, then runs the real handler (which reads it a third time).
      overrideHandlers: (handlers) => ({
        ...handlers,
        getMe: async (input, context) => {
          if (!Object.isFrozen(context.user)) throw new Error('the handler could change the logged user');
          const before = getLoggedUser(context).id;
          await sql`select 1`.execute(opened.storage.db);
          await sleep(Math.floor(Math.random() * 5));
          const after = getLoggedUser(context).id;
          const result = await handlers.getMe(input, context);
          if (result.status !== 200 || before !== after || after !== result.body.id) throw new Error('the logged user changed mid-request');
          return result;
        },
      }),
    }));
    for (const user of users) {
      tokens.set(user.id, await mintTestToken({ sub: user.id, username: user.username, email: user.email, scopes: [] }));
    }
  });
  afterAll(() => close());

  it('when hundreds of requests from different users interleave, each handler sees only its own user', async () => {
    const calls = Array.from({ length: 400 }, (_, i) => users[i % users.length]!);
    const responses = await Promise.all(
      calls.map((user) =>
        request(app)
          .get('/me')
          .set('Authorization', `Bearer ${tokens.get(user.id)}`),
      ),
    );
    responses.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.body).toEqual(calls[i]);
    });
  });
});
