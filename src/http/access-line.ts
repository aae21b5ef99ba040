import type { DestinationStream, Level, Logger } from 'pino';

import { censorUrlCredentials } from './url-credentials.js';

/** What one access-log line says about one request. */
export interface AccessEntry {
  id: string;
  method: string;
  url: string;
  statusCode: number;
  responseTimeMs: number;
  /** The authenticated user, when there was one. */
  userId: string | undefined;
  message: 'request completed' | 'request aborted';
}

/** Writes one access-log line at a level; a level the logger has disabled writes nothing. */
export type AccessLineWriter = (level: Level, entry: AccessEntry) => void;

/** How a logger was built, for the fast path to reproduce (createLogger passes them). */
export interface LoggerMaking {
  /** Where the logger writes. */
  destination: DestinationStream;
  /** The logger's `base` option: the bindings on every line. */
  base: Readonly<Record<string, unknown>>;
  /** A logger built with the same options, writing to `sink`, with at least `info` enabled. */
  probe(sink: DestinationStream): Logger;
}

const proven = new WeakMap<Logger, AccessLineWriter>();

/**
 * Writes access lines through `logger`: `logger[level]({req, res, responseTime, userId}, message)`,
 * pino's public call with its serializers and redaction, unless a faster writer was proven for
 * this logger at start-up (`proveFastAccessLine`).
 */
export function accessLineWriter(logger: Logger): AccessLineWriter {
  return proven.get(logger) ?? ((level, entry) => logThroughPino(logger, level, entry));
}

/** Whether `logger`'s access lines are written by the proven fast writer. */
export function usesFastAccessLine(logger: Logger): boolean {
  return proven.has(logger);
}

/**
 * Tries a faster writer for `logger`'s access lines and keeps it only if it writes exactly pino's
 * bytes: for sample entries (escapes, a credential in the URL, with and without a user, at each
 * level used) its lines must equal, byte for byte apart from the time's digits, what a logger
 * built with the same options writes. Any difference (another message key, a formatter, a mixin,
 * a redaction path or serializer that touches these fields, another time format) and pino's own
 * call stays. Returns whether the fast writer is used.
 *
 * Why: pino's general path (walking the object, its serializers, redaction, stringifying each
 * nested object) was a seventh of a `/health` request's CPU time under load (`npx tsx
 * bench/profile.ts health`), and this line always has the same shape.
 */
export function proveFastAccessLine(logger: Logger, making: LoggerMaking): boolean {
  const expected = captured((sink) => {
    const probe = making.probe(sink);
    for (const [level, entry] of SAMPLES) logThroughPino(probe, level, entry);
  });
  const actual = captured((sink) => {
    const write = fastWriter(logger, { ...making, destination: sink }, true);
    for (const [level, entry] of SAMPLES) write(level, entry);
  });
  const sameBytes =
    expected.length === SAMPLES.length && actual.length === expected.length && actual.every((line, i) => line === expected[i]);
  if (sameBytes) proven.set(logger, fastWriter(logger, making, false));
  return sameBytes;
}

function logThroughPino(logger: Logger, level: Level, entry: AccessEntry): void {
  const { id, method, url, statusCode, responseTimeMs, userId, message } = entry;
  logger[level]({ req: { id, method, url }, res: { statusCode }, responseTime: responseTimeMs, userId }, message);
}

/** Characters pino writes in a plain string as they are (it escapes others as JSON.stringify does, mostly). */
const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

function fastWriter(logger: Logger, making: LoggerMaking, ignoreLevel: boolean): AccessLineWriter {
  const { destination, base } = making;
  const bindings = Object.entries(base)
    .map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join('');
  const prefixes = new Map(LEVELS.map((level) => [level, `{"level":${logger.levels.values[level]},"time":`]));
  return (level, entry) => {
    if (!ignoreLevel && !logger.isLevelEnabled(level)) return;
    const prefix = prefixes.get(level);
    // A user id with characters pino might write differently from JSON.stringify goes through pino.
    if (prefix === undefined || (entry.userId !== undefined && !PLAIN.test(entry.userId))) {
      logThroughPino(logger, level, entry);
      return;
    }
    const user = entry.userId === undefined ? '' : `,"userId":"${entry.userId}"`;
    destination.write(
      `${prefix}${Date.now()}${bindings}` +
        `,"req":{"id":${jsonString(entry.id)},"method":${jsonString(entry.method)},"url":${jsonString(censorUrlCredentials(entry.url))}}` +
        `,"res":{"statusCode":${entry.statusCode}},"responseTime":${entry.responseTimeMs}${user},"msg":"${entry.message}"}\n`,
    );
  };
}

/** `value` as a JSON string; a plain one (every request id, method and almost every URL) without JSON.stringify's general path. */
function jsonString(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
}

const LEVELS: readonly Level[] = ['info', 'warn', 'error'];

const SAMPLES: readonly [Level, AccessEntry][] = [
  [
    'info',
    { id: 'a1b2', method: 'GET', url: '/health', statusCode: 200, responseTimeMs: 3, userId: undefined, message: 'request completed' },
  ],
  [
    'info',
    {
      id: '5b0f8a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
      method: 'GET',
      url: '/customers?region=US&access_token=eyJ.secret&limit=5&API_KEY=k&Token=t',
      statusCode: 200,
      responseTimeMs: 12,
      userId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
      message: 'request completed',
    },
  ],
  [
    'warn',
    {
      id: 'x.y:z_1',
      method: 'POST',
      url: '/customers/"quoted"\\%E2%9C%93',
      statusCode: 400,
      responseTimeMs: 0,
      userId: 'user-1',
      message: 'request completed',
    },
  ],
  [
    'error',
    {
      id: 'e',
      method: 'DELETE',
      url: '/\u00e9\u0001',
      statusCode: 503,
      responseTimeMs: 5000,
      userId: undefined,
      message: 'request completed',
    },
  ],
  [
    'warn',
    { id: 'ab', method: 'GET', url: '/me?token', statusCode: 200, responseTimeMs: 7, userId: undefined, message: 'request aborted' },
  ],
];

/** The lines `write` produces, with the time's digits masked. */
function captured(write: (sink: DestinationStream) => void): string[] {
  const chunks: string[] = [];
  write({ write: (line: string) => void chunks.push(line) });
  return chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/"time":\d+,/, '"time":0,'));
}
