import express, { type Request, type Response } from 'express';
import { AppError } from '../errors/app-error.js';
import { HttpProblemError } from '../errors/http-problem-error.js';

/** Reads and parses a request's JSON body into `req.body`, or rejects with a problem. */
export type JsonBodyReader = (req: Request, res: Response) => Promise<void>;

/**
 * Reads `application/json` bodies of at most `limitBytes` with Express's own parser (other media
 * types are left unread, for the contract to refuse). The request pipeline calls it only once the
 * caller is known and allowed, and only for operations that take a body.
 */
export function jsonBodyReader(limitBytes: number): JsonBodyReader {
  const parse = express.json({ limit: limitBytes, type: 'application/json', strict: true });
  return (req, res) =>
    new Promise<void>((resolve, reject) => {
      parse(req, res, (error?: unknown) => (error === undefined ? resolve() : reject(bodyProblem(error, limitBytes))));
    });
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
