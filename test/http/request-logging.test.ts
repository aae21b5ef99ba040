import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { type CapturedLogs, mintTestToken, openTestApp, TEST_USER } from '../support/test-app.js';

const sqlite = engines[0]!;

/** The access-log line of one request id. */
function accessLine(logs: CapturedLogs, id: string): Record<string, unknown> | undefined {
  return logs.lines.find((line) => (line.req as { id?: string } | undefined)?.id === id && line.responseTime !== undefined);
}

describe('one access-log line per request', () => {
  let app: Server;
  let logs: CapturedLogs;
  let close: () => Promise<void>;
  let releaseSlowMe: (() => void) | undefined;

  beforeAll(async () => {
    ({ app, logs, close } = await openTestApp(sqlite, {
      overrideHandlers: (handlers) => ({
        ...handlers,
        getMe: async (input, context) => {
          if (context.requestId.startsWith('slow-')) await new Promise<void>((resolve) => (releaseSlowMe = resolve));
          return handlers.getMe(input, context);
        },
      }),
    }));
  });
  afterAll(() => close());

  it('logs a served request at info with its id, method, URL, status, duration and user', async () => {
    await request(app)
      .get('/me')
      .set('Authorization', `Bearer ${await mintTestToken()}`)
      .set('X-Request-Id', 'log-ok-1')
      .expect(200);
    // The line is written when Node closes the response, which can follow the client's read.
    await expect
      .poll(() => accessLine(logs, 'log-ok-1'))
      .toMatchObject({
        level: 30,
        msg: 'request completed',
        req: { id: 'log-ok-1', method: 'GET', url: '/me' },
        res: { statusCode: 200 },
        userId: TEST_USER.id,
      });
    expect(accessLine(logs, 'log-ok-1')?.responseTime).toEqual(expect.any(Number));
  });

  it('logs a refused request at warn, with no user', async () => {
    await request(app).get('/me').set('X-Request-Id', 'log-refused-1').expect(401);
    await expect.poll(() => accessLine(logs, 'log-refused-1')).toBeDefined();
    const line = accessLine(logs, 'log-refused-1');
    expect(line).toMatchObject({ level: 40, msg: 'request completed', res: { statusCode: 401 } });
    expect(line).not.toHaveProperty('userId');
  });

  it('logs a request whose client went away before the answer as aborted, once', async () => {
    const server = app;
    try {
      const controller = new AbortController();
      const sent = fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/me`, {
        headers: { Authorization: `Bearer ${await mintTestToken()}`, 'X-Request-Id': 'slow-abort-1' },
        signal: controller.signal,
      }).catch(() => 'aborted');
      // The handler holds the request until the client has gone.
      await expect.poll(() => releaseSlowMe).toBeDefined();
      controller.abort();
      expect(await sent).toBe('aborted');
      await expect.poll(() => accessLine(logs, 'slow-abort-1')).toMatchObject({ level: 40, msg: 'request aborted' });
      releaseSlowMe!();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(
        logs.lines.filter((line) => (line.req as { id?: string } | undefined)?.id === 'slow-abort-1' && line.responseTime !== undefined),
      ).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
