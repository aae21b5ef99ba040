import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { accessLineWriter, type AccessEntry } from '../../src/http/access-line.js';
import { createLogger } from '../../src/logger.js';

/** A logger whose lines are kept, as written. */
function capturingLogger(level = 'info') {
  const written: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(level, sink), written };
}

/** The same line with its timestamp blanked, so two lines written a moment apart compare. */
const withoutTime = (line: string) => line.replace(/"time":\d+/, '"time":0');

const entry: AccessEntry = {
  id: 'req-1',
  method: 'GET',
  url: '/customers?region=US&limit=50',
  statusCode: 200,
  responseTimeMs: 3,
  userId: '5b0f8a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  message: 'request completed',
};

/** What the access line stands in for: pino's own call with the same fields. */
function pinoLine(level: 'info' | 'warn', e: AccessEntry) {
  const { logger, written } = capturingLogger();
  logger[level](
    {
      req: { id: e.id, method: e.method, url: e.url },
      res: { statusCode: e.statusCode },
      responseTime: e.responseTimeMs,
      ...(e.userId === undefined ? {} : { userId: e.userId }),
    },
    e.message,
  );
  return written.join('');
}

describe('accessLineWriter', () => {
  it('writes, byte for byte, the line pino itself writes for the same fields', () => {
    const { logger, written } = capturingLogger();
    accessLineWriter(logger)('info', entry);
    expect(written).toHaveLength(1);
    expect(withoutTime(written[0]!)).toBe(withoutTime(pinoLine('info', entry)));
    expect(JSON.parse(written[0]!)).toMatchObject({ level: 30, pid: process.pid, msg: 'request completed', time: expect.any(Number) });
  });

  it('escapes URLs and ids as pino does, at warn and without a user', () => {
    const odd: AccessEntry = {
      ...entry,
      id: 'a"b\\c',
      url: '/customers?name="x"\u0001\u2028é😀',
      statusCode: 401,
      userId: undefined,
      message: 'request aborted',
    };
    const { logger, written } = capturingLogger();
    accessLineWriter(logger)('warn', odd);
    expect(withoutTime(written[0]!)).toBe(withoutTime(pinoLine('warn', odd)));
    expect(JSON.parse(written[0]!)).not.toHaveProperty('userId');
  });

  it('writes nothing at a level the logger has turned off', () => {
    const { logger, written } = capturingLogger('warn');
    accessLineWriter(logger)('info', entry);
    expect(written).toEqual([]);
  });
});
