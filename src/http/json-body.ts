import express, { type Request, type Response } from 'express';

import { AppError } from '../errors/app-error.js';
import { HttpProblemError } from '../errors/http-problem-error.js';
import { firstDuplicateKey } from './json-duplicate-keys.js';

/** Reads and parses a request's JSON body into `req.body`, or rejects with a problem. */
export type JsonBodyReader = (req: Request, res: Response) => Promise<void>;

/**
 * Reads `application/json` bodies of at most `limitBytes` with Express's own parser (other media
 * types are left unread, for the contract to refuse). The request pipeline calls it only once the
 * caller is known and allowed, and only for operations that take a body. Before it parses, the
 * parser's documented `verify` hook refuses what it would otherwise let through (see
 * `checkJsonText`).
 */
export function jsonBodyReader(limitBytes: number): JsonBodyReader {
  const parse = express.json({
    limit: limitBytes,
    type: 'application/json',
    strict: true,
    verify: (_req, _res, buffer, encoding) => checkJsonText(buffer, encoding),
  });
  return (req, res) =>
    new Promise<void>((resolve, reject) => {
      parse(req, res, (error?: unknown) => (error === undefined ? resolve() : reject(bodyProblem(error, limitBytes))));
    });
}

/**
 * Refuses, with a 400 problem, a body that is not text in its charset (the parser would turn
 * each bad byte into U+FFFD and store that) and one whose objects repeat a member name (the
 * parser would keep the last silently); a charset the platform's TextDecoder does not know is a
 * 415. JSON is UTF-8 (RFC 8259), the default charset here; the UTF-16 charsets body-parser also
 * reads are checked the same way.
 */
function checkJsonText(buffer: Buffer, encoding: string): void {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(buffer);
  } catch (error) {
    if (error instanceof RangeError)
      throw new HttpProblemError('unsupported_media_type', 415, `The request body's charset ${encoding} is not supported; send UTF-8`);
    throw new HttpProblemError('bad_request', 400, `The request body is not valid ${encoding.toUpperCase()} text`, {
      errors: [{ field: 'body', message: `is not valid ${encoding.toUpperCase()}` }],
    });
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) {
    const path = ['body', ...duplicate].join('.');
    // The names come from the caller: a long one is cut rather than echoed whole.
    const field = path.length > 100 ? `${path.slice(0, 97)}...` : path;
    throw new HttpProblemError('duplicate_json_key', 400, `The request body repeats the member ${field}`, {
      errors: [{ field, message: 'is repeated; each name may appear once per object' }],
    });
  }
}

/** body-parser's failures as problems: 400 malformed, 413 too large, 415 bad charset or encoding. */
function bodyProblem(error: unknown, limitBytes: number): unknown {
  const { type, status } = (error ?? {}) as { type?: string; status?: number };
  switch (type) {
    case 'entity.parse.failed':
      return new HttpProblemError('malformed_json', 400, 'The request body is not valid JSON', {
        errors: [{ field: 'body', message: 'is not valid JSON' }],
      });
    case 'entity.too.large':
      return new HttpProblemError('payload_too_large', 413, `The request body exceeds ${limitBytes} bytes`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new HttpProblemError('unsupported_media_type', 415, 'The request body uses an unsupported charset or encoding');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new HttpProblemError('bad_request', 400, 'The request body could not be read');
    default:
      // Anything else body-parser refuses with a 4xx (a body that does not inflate as its
      // Content-Encoding says, say) is the client's fault, not a 500.
      if (!(error instanceof AppError) && status !== undefined && status >= 400 && status < 500) {
        return new HttpProblemError('bad_request', 400, 'The request body could not be decoded as its Content-Encoding says', {
          errors: [{ field: 'body', message: 'could not be decoded' }],
        });
      }
      return error;
  }
}
