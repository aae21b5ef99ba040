import type { ServerResponse } from 'node:http';

import { PROBLEM_CONTENT_TYPE, type ProblemOutcome } from '../errors/problem.js';
import { responseHeaders } from './response-headers.js';

/** A response ready to be written: status, the handler's headers, the media type and the serialized body. */
export interface ResponseToWrite {
  status: number;
  headers?: Record<string, string> | undefined;
  /** Undefined when the response has no content. */
  contentType: string | undefined;
  payload: string | undefined;
}

/**
 * Writes a response: its headers join the ones collected for it, and everything goes out with
 * one `res.writeHead(status, headers)` (Content-Length included, so the body is not chunked) and
 * one `res.end(body)`, which Node sends together. A response whose client has gone is left alone.
 */
export function writeResponse(res: ServerResponse, response: ResponseToWrite): void {
  if (res.writableEnded || res.destroyed) return;
  if (res.headersSent) {
    // Something else began this response (it should not have): it cannot be finished truthfully.
    res.destroy();
    return;
  }
  const headers = responseHeaders(res);
  if (bodyLeftUnread(res)) headers.set('Connection', 'close');
  const given = response.headers;
  if (given) for (const name in given) headers.set(name, given[name]!);
  const { payload } = response;
  if (payload === undefined || response.contentType === undefined) {
    if (response.status !== 204 && response.status !== 304) headers.set('Content-Length', '0');
    res.writeHead(response.status, headers.toList());
    res.end();
    return;
  }
  headers.set('Content-Type', `${response.contentType}; charset=utf-8`);
  headers.set('Content-Length', String(Buffer.byteLength(payload)));
  res.writeHead(response.status, headers.toList());
  res.end(payload);
}

/**
 * Whether the request announced a body that has not been read in full: it was refused before its
 * body was read (401, 403, 404, 405, 429, 413 by its Content-Length). Node would otherwise go on
 * reading and discarding it to keep the connection alive, so a client could hold the socket (and
 * its buffers) open by never finishing the body; `Connection: close` makes Node close it once the
 * answer is sent.
 */
function bodyLeftUnread(res: ServerResponse): boolean {
  const req = res.req;
  if (req === undefined || req.complete) return false;
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Writes a problem (from `problemFromError`) as application/problem+json. */
export function writeProblem(res: ServerResponse, outcome: ProblemOutcome): void {
  writeResponse(res, {
    status: outcome.problem.status,
    headers: outcome.headers,
    contentType: PROBLEM_CONTENT_TYPE,
    payload: JSON.stringify(outcome.problem),
  });
}
