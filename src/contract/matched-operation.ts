import type { IncomingMessage } from 'node:http';

declare module 'node:http' {
  interface IncomingMessage {
    /**
     * The operationId the contract matched this request to, set by the contract router as soon
     * as it knows (before authentication and validation, so their 401s and 400s carry it too).
     * Undefined when no operation matched (404, 405, the docs page, a CORS preflight) or the
     * request was answered before routing (a 429 from the rate limiter, a body that did not parse).
     */
    operationId?: string;
  }
}

/** Records the operation `req` was routed to (read by the request metrics). */
export function markMatchedOperation(req: IncomingMessage, operationId: string | undefined): void {
  req.operationId = operationId;
}
