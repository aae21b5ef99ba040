import type { Response } from 'express';
import type { Logger } from 'pino';
import { queueHeader } from '../http/queued-headers.js';
import { PROBLEM_CONTENT_TYPE, problem, type Problem } from './problem.js';
import { ResponseBurst } from './response-burst.js';
import { isJson, type ResponseCatalog } from './response-validators.js';

/** A response a handler (or the edge) wants to send. */
export interface OutgoingResponse {
  status: number;
  body: unknown;
  headers?: Record<string, unknown>;
}

/**
 * Sends responses only after checking them against the contract: the status must be
 * documented for the operation, the body must validate against that status's schema and the
 * required headers must be present. Anything else is logged and replaced by a 500 problem, so
 * a drifted body never leaves the process.
 */
export class ResponseSender {
  private readonly burst: ResponseBurst;

  constructor(
    private readonly catalog: ResponseCatalog,
    private readonly logger: Logger,
  ) {
    this.burst = new ResponseBurst((error, res) => {
      logger.error({ err: error, requestId: (res as Response).req?.id }, 'ending a response failed');
    });
  }

  /** Sends `outgoing` as the documented response of `operationId`. */
  send(res: Response, operationId: string, outgoing: OutgoingResponse): void {
    const documented = this.catalog.get(operationId)?.get(String(outgoing.status));
    if (!documented) {
      this.drift(res, operationId, outgoing.status, [`status ${outgoing.status} is not documented`]);
      return;
    }
    const contentType = documented.contentType;
    if (documented.validate && !documented.validate(outgoing.body)) {
      const errors = (documented.validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
      this.drift(res, operationId, outgoing.status, errors);
      return;
    }
    const headers = outgoing.headers;
    if (documented.requiredHeaders.length > 0) {
      const missing = documented.requiredHeaders.filter((name) => headers?.[name] === undefined);
      if (missing.length > 0) {
        this.drift(res, operationId, outgoing.status, missing.map((name) => `header ${name} is required`));
        return;
      }
    }
    if (headers) for (const name in headers) if (headers[name] !== undefined) queueHeader(res, name, String(headers[name]));
    const payload = documented.serialize ? documented.serialize(outgoing.body) : outgoing.body;
    this.write(res, outgoing.status, contentType, payload, documented.serialize !== undefined);
  }

  /** Sends a problem built by this service (edge errors, mapped exceptions). */
  sendProblem(res: Response, body: Problem, headers: Record<string, string> = {}): void {
    for (const name in headers) queueHeader(res, name, headers[name]!);
    this.write(res, body.status, PROBLEM_CONTENT_TYPE, body);
  }

  private drift(res: Response, operationId: string, status: number, errors: string[]): void {
    this.logger.error({ operationId, status, errors, requestId: res.req.id }, 'response does not match the contract; sent 500 instead');
    this.sendProblem(
      res,
      problem(500, 'internal_error', 'The server produced a response that does not match its contract; quote the request id when reporting it.'),
    );
  }

  private write(res: Response, status: number, contentType: string | undefined, body: unknown, serialized = false): void {
    res.statusCode = status;
    if (body === undefined || contentType === undefined) {
      this.burst.end(res);
      return;
    }
    queueHeader(res, 'Content-Type', `${contentType}; charset=utf-8`);
    this.burst.end(res, serialized ? (body as string) : isJson(contentType) ? JSON.stringify(body) : String(body));
  }
}
