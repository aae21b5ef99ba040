import { destination as pinoDestination, pino, type DestinationStream, type Logger } from 'pino';

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

/** Structured JSON logs, to stdout unless given a destination (tests capture lines with one). */
export function createLogger(level: string, destination: DestinationStream = bufferedStdout()): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

/** How much log text waits for one write, and how long at most. */
const BUFFER_BYTES = 4096;
const FLUSH_EVERY_MS = 200;

/**
 * stdout, written in blocks of about 4 KB instead of one `write` per line: under load that
 * write was a tenth of a `/health` request's CPU time. Lines wait at most 200 ms, so a quiet
 * server's log still reads as it happens, and the rest is written when the process exits
 * (normally, on a signal, or on an uncaught error). Only a SIGKILL or a crash of Node itself
 * can lose the last 200 ms of lines.
 */
function bufferedStdout(): DestinationStream {
  const stream = pinoDestination({ dest: 1, minLength: BUFFER_BYTES, sync: true });
  // Stdout gone, or nothing buffered: neither is worth failing a request or an exit for.
  const quietly = (write: () => void) => () => {
    try {
      write();
    } catch {}
  };
  // flush, not flushSync, on the timer: flushSync also fsyncs, which a log file does not need five times a second.
  setInterval(quietly(() => stream.flush()), FLUSH_EVERY_MS).unref();
  process.once('exit', quietly(() => stream.flushSync()));
  return stream;
}
