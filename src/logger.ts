import { hostname } from 'node:os';

import { destination as pinoDestination, type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

import { proveFastAccessLine } from './http/access-line.js';
import { CENSOR, censorUrlCredentials } from './http/url-credentials.js';
import { LogBlocks } from './log-blocks.js';

/** Paths pino removes from every log line: credentials never reach the logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["proxy-authorization"]',
  '*.headers.authorization',
  'authorization',
  '*.authorization',
  'token',
  'accessToken',
  'access_token',
  'secret',
  'password',
  'apiKey',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.secret',
  '*.password',
  '*.apiKey',
];

/**
 * Structured JSON logs, to stdout unless given a destination (tests capture lines with one).
 * Credentials never reach them: pino removes the redacted paths from every line, and a logged
 * request's URL has the values of credential query parameters censored (pino's redaction works
 * on whole values, so that part is a serializer of `req`).
 */
export function createLogger(level: string, destination: DestinationStream = bufferedStdout()): Logger {
  const base = { pid: process.pid, hostname: hostname() };
  const options = (logLevel: string): LoggerOptions => ({
    level: logLevel,
    base,
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    serializers: { req: censorRequestUrl },
  });
  const logger = pino(options(level), destination);
  // The access log may write its lines itself, only where that is proven to give pino's bytes.
  proveFastAccessLine(logger, { destination, base, probe: (sink) => pino(options('info'), sink) });
  return logger;
}

function censorRequestUrl(req: unknown): unknown {
  if (typeof req !== 'object' || req === null) return req;
  const url = (req as { url?: unknown }).url;
  if (typeof url !== 'string') return req;
  const censored = censorUrlCredentials(url);
  return censored === url ? req : { ...req, url: censored };
}

/** How much log text waits for one write (characters), and how long at most. */
const BLOCK_CHARS = 4096;
const FLUSH_EVERY_MS = 200;

/**
 * stdout, written in blocks of about BLOCK_CHARS instead of one `write` per line: under load that
 * write was a large share of a `/health` request's CPU time (commit 3b3d4d9 has the A/B
 * figures; log-blocks.ts says why the blocks are gathered there and not by sonic-boom). Lines
 * wait at most FLUSH_EVERY_MS, so a quiet server's log still reads as it happens, and the rest
 * is written when the process exits (normally, on a signal, or on an uncaught error). Only a
 * SIGKILL or a crash of Node itself can lose the last FLUSH_EVERY_MS of lines.
 */
function bufferedStdout(): DestinationStream {
  // minLength 0: each block is written as it is handed over.
  const stream = pinoDestination({ dest: 1, minLength: 0, sync: true });
  const blocks = new LogBlocks(stream, BLOCK_CHARS);
  // Stdout gone, or nothing buffered: neither is worth failing a request or an exit for.
  const quietly = (write: () => void) => () => {
    try {
      write();
    } catch {}
  };
  setInterval(
    quietly(() => blocks.flush()),
    FLUSH_EVERY_MS,
  ).unref();
  process.once(
    'exit',
    quietly(() => {
      blocks.flush();
      stream.flushSync();
    }),
  );
  const destination: DestinationStream & { flush(done?: (error?: Error) => void): void } = {
    write: (line: string) => blocks.write(line),
    // What pino's `logger.flush(callback)` calls.
    flush: (done?: (error?: Error) => void) => {
      blocks.flush();
      stream.flush(done);
    },
  };
  return destination;
}
