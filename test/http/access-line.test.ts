import type { Server } from 'node:http';

import { type DestinationStream, type LoggerOptions, pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type AccessEntry, accessLineWriter, proveFastAccessLine, usesFastAccessLine } from '../../src/http/access-line.js';
import { censorUrlCredentials } from '../../src/http/url-credentials.js';
import { createLogger } from '../../src/logger.js';
import { engines } from '../support/engines.js';
import { type CapturedLogs, mintTestToken, openTestApp } from '../support/test-app.js';

/** A destination that keeps what is written, line by line. */
function capture(): { sink: DestinationStream; lines: string[] } {
  const lines: string[] = [];
  return { sink: { write: (text: string) => void lines.push(...text.split('\n').filter(Boolean)) }, lines };
}

const entry: AccessEntry = {
  id: 'req-\u00e9-"1"',
  method: 'PATCH',
  url: '/customers/%F0%9F%98%80?limit=5&Access_Token=eyJhbGciOi.secret&region=EU',
  statusCode: 404,
  responseTimeMs: 17,
  userId: '5b0f8a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  message: 'request completed',
};

const timeless = (line: string | undefined) => line?.replace(/"time":\d+,/, '"time":0,');

describe('the access line', () => {
  it("when the logger is the service's own, writes exactly the bytes pino writes for the same entry", () => {
    const fast = capture();
    const logger = createLogger('info', fast.sink);
    expect(usesFastAccessLine(logger)).toBe(true);
    accessLineWriter(logger)('warn', entry);
    const viaPino = capture();
    const reference = createLogger('info', viaPino.sink);
    const { id, method, url, statusCode, responseTimeMs, userId, message } = entry;
    reference.warn({ req: { id, method, url }, res: { statusCode }, responseTime: responseTimeMs, userId }, message);
    expect(fast.lines).toHaveLength(1);
    expect(timeless(fast.lines[0])).toBe(timeless(viaPino.lines[0]));
  });

  it('when a probe built with other options writes other bytes, pino writes the lines itself', () => {
    const out = capture();
    const options: LoggerOptions = { level: 'info', base: { pid: 1, hostname: 'h' } };
    const logger = pino(options, out.sink);
    const proven = proveFastAccessLine(logger, {
      destination: out.sink,
      base: { pid: 1, hostname: 'h' },
      probe: (sink) => pino({ ...options, messageKey: 'message' }, sink),
    });
    expect(proven).toBe(false);
    expect(usesFastAccessLine(logger)).toBe(false);
    expect(out.lines).toEqual([]);
    accessLineWriter(logger)('info', entry);
    expect(JSON.parse(out.lines[0]!)).toMatchObject({ msg: 'request completed', req: { url: entry.url } });
  });

  it('when the logger disables a level, writes nothing at it', () => {
    const out = capture();
    accessLineWriter(createLogger('error', out.sink))('warn', entry);
    expect(out.lines).toEqual([]);
  });

  it.each([
    ['/x?access_token=abc&a=1', '/x?access_token=[redacted]&a=1'],
    ['/x?a=1&TOKEN=abc', '/x?a=1&TOKEN=[redacted]'],
    ['/x?api%5Fkey=abc&api_key', '/x?api%5Fkey=[redacted]&api_key=[redacted]'],
    ['/x?region=US&limit=5', '/x?region=US&limit=5'],
    ['/x', '/x'],
  ])('censors credentials in %s', (url, censored) => expect(censorUrlCredentials(url)).toBe(censored));
});

describe('access log of the app', () => {
  let app: Server;
  let logs: CapturedLogs;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, logs, close } = await openTestApp(engines[0]!));
  });
  afterAll(() => close());

  it('when a credential comes in the URL query, it never reaches the log, whatever the answer', async () => {
    const token = await mintTestToken();
    await request(app).get(`/health?access_token=${token}`).set('X-Request-Id', 'url-secret-1').expect(400);
    await request(app)
      .get(`/me?token=${token}&api_key=sekret-key`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'url-secret-2')
      .expect(400);
    await expect
      .poll(() => logs.lines.filter((line) => String((line.req as { id?: string } | undefined)?.id).startsWith('url-secret-')).length)
      .toBe(2);
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain('sekret-key');
    const line = logs.lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'url-secret-1');
    expect((line?.req as { url: string }).url).toBe('/health?access_token=[redacted]');
  });
});
