import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

import type { RequestHandler } from 'express';
import helmet from 'helmet';

import { type BaseHeaders, baseHeaders } from './response-headers.js';

/**
 * The headers a middleware that only sets fixed headers (helmet without CSP nonces) sets,
 * worked out once: it is run on a real Node request and response that never touch a socket,
 * and what it set is read back with `getHeaderNames`/`getHeader`. Throws when it does anything
 * else: answers, or does not go on synchronously.
 */
export function headersSetBy(middleware: RequestHandler): BaseHeaders {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = '/';
  const res = new ServerResponse(req);
  let wentOn = false;
  middleware(req as never, res as never, (error?: unknown) => {
    if (error) throw error;
    wentOn = true;
  });
  if (!wentOn || res.headersSent || res.writableEnded)
    throw new Error('the middleware did not just set headers and go on; its headers cannot be worked out once');
  // Node keeps the names lower-case, and so they are sent (header names are case-insensitive).
  return baseHeaders(res.getHeaderNames().flatMap((name) => [name, String(res.getHeader(name))]));
}

/**
 * The security headers of every API response (helmet's), worked out once. The API answers JSON
 * only, so its CSP allows nothing to load or frame it; with CORS on, widgets on the allowed
 * origins read its responses, so they may not be same-origin only.
 */
export function apiSecurityHeaders(crossOrigin: boolean): BaseHeaders {
  return headersSetBy(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: crossOrigin ? 'cross-origin' : 'same-origin' },
    }),
  );
}
