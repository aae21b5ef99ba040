import { parse as parseQuery } from 'node:querystring';

import { bodyPayload, type FuzzRequest, requestUrl } from '../fuzz/fuzz-request.js';

/** A request as the HTTP edge hands it to routing and validation: raw path, parsed query, lower-cased headers, parsed body. */
export interface ReceivedRequest {
  method: string;
  /** As on the request line, percent-encoded, without the query string. */
  path: string;
  /** As Express's `simple` query parser gives it (node:querystring). */
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** The body as express.json parses it, undefined when it reads none. */
  body: unknown;
}

/**
 * A generated request as the server receives it before validation, or undefined when the body
 * parser would answer it first (malformed JSON, a content encoding, a primitive in strict mode):
 * those never reach the compared phases.
 */
export function receivedRequest(request: FuzzRequest): ReceivedRequest | undefined {
  const url = requestUrl(request);
  const at = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  let body: unknown;
  if (request.body) {
    const { text, contentType } = bodyPayload(request.body);
    if (contentType !== undefined) headers['content-type'] = contentType;
    headers['content-length'] = String(Buffer.byteLength(text));
    if (contentType !== undefined && mediaType(contentType) === 'application/json') {
      if (headers['content-encoding'] !== undefined && headers['content-encoding'] !== 'identity') return undefined;
      const charset = /;\s*charset=([^;]+)/i.exec(contentType)?.[1]?.trim().toLowerCase();
      if (charset !== undefined && charset !== 'utf-8') return undefined;
      if (text.length > 0) {
        if (!/^[\s]*[[{]/.test(text)) return undefined;
        try {
          body = JSON.parse(text);
        } catch {
          return undefined;
        }
      }
    }
  }
  return {
    method: request.method.toUpperCase(),
    path: at === -1 ? url : url.slice(0, at),
    query: parseQuery(at === -1 ? '' : url.slice(at + 1)) as Record<string, string | string[]>,
    headers,
    body,
  };
}

function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}
