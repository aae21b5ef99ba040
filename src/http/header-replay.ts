import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { checkedHeaders, queueCheckedHeaders, type CheckedHeaders } from './queued-headers.js';

/**
 * The headers a middleware that only sets fixed headers (helmet without CSP nonces) sets, run
 * once on a stand-in request and response. Throws when it does anything else: reads a header
 * back, removes one it did not set, or does not go on synchronously.
 */
export function capturedHeaders(middleware: RequestHandler): CheckedHeaders {
  const headers: string[] = [];
  const refuse = (what: string) => () => {
    throw new Error(`the middleware ${what}; its headers cannot be captured once for every request`);
  };
  const response = {
    setHeader(name: string, value: unknown) {
      headers.push(name, String(value));
      return response;
    },
    // helmet removes X-Powered-By; a header nothing has set yet needs no removing.
    removeHeader(name: string) {
      const setBefore = headers.some((set, i) => i % 2 === 0 && set.toLowerCase() === name.toLowerCase());
      if (setBefore) refuse(`removed ${name} after setting it`)();
    },
    getHeader: refuse('read a response header'),
    hasHeader: refuse('read a response header'),
    end: refuse('answered the request'),
  };
  let wentOn = false;
  const request = { method: 'GET', url: '/', headers: {} };
  middleware(request as never, response as never, (error?: unknown) => {
    if (error) throw error;
    wentOn = true;
  });
  if (!wentOn) throw new Error('the middleware did not go on synchronously; its headers cannot be captured once');
  return checkedHeaders(headers);
}

/** A middleware queueing `headers` on every response (see queued-headers.ts). */
export function replayingHeaders(headers: CheckedHeaders): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (_req, res, next) => {
    queueCheckedHeaders(res, headers);
    next();
  };
}
