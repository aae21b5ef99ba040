import { randomUUID } from 'node:crypto';

import type { RequestHandler } from 'express';
import type { Level, Logger } from 'pino';

import { accessLineWriter } from './access-line.js';
import { type BaseHeaders, baseHeaders, ResponseHeaders } from './response-headers.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id: the caller's `X-Request-Id` when it is sane, a UUID otherwise. */
    id: string;
    /** The authenticated user, once the request pipeline knows it (for the access log). */
    userId?: string | undefined;
  }
}

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const NO_HEADERS = baseHeaders([]);

/**
 * The first phase of every request: starts its response's headers (see response-headers.ts)
 * with `baseHeaders` (the security headers worked out once), gives it an id (the caller's
 * `X-Request-Id` when it is sane, a UUID otherwise), echoes it, and logs one line per request: id, method, URL, status, duration
 * and, once authenticated, the user id, as pino writes it with the logger's redaction (a
 * credential in the URL's query included: see logger.ts and access-line.ts). Not pino-http,
 * whose per-request child logger and serializers were a fifth of the CPU of a `/health` request
 * under load.
 */
export function requestLogging(logger: Logger, baseHeaders: BaseHeaders = NO_HEADERS): RequestHandler {
  const writeAccessLine = accessLineWriter(logger);
  return (req, res, next) => {
    const offered = req.headers['x-request-id'];
    const id = typeof offered === 'string' && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
    req.id = id;
    const headers = new ResponseHeaders(baseHeaders);
    headers.set('X-Request-Id', id);
    res.outgoingHeaders = headers;
    const started = performance.now();
    // Node emits `close` on every response, after `finish` when it was sent in full: one
    // listener tells completed from aborted.
    res.once('close', () => {
      const completed = res.writableFinished;
      const status = res.statusCode;
      const level: Level = !completed ? 'warn' : status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      writeAccessLine(level, {
        id,
        method: req.method,
        url: req.originalUrl,
        statusCode: status,
        responseTimeMs: Math.round(performance.now() - started),
        userId: req.userId,
        message: completed ? 'request completed' : 'request aborted',
      });
    });
    next();
  };
}
