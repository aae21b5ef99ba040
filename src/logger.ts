import { pino, type DestinationStream, type Logger } from 'pino';

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

/** Structured JSON logs; tests pass their own destination to capture lines. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
