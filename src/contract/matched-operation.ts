import type { IncomingMessage } from 'node:http';

declare module 'node:http' {
  interface IncomingMessage {
    /**
     * The operationId the contract matched this request to, set by the request pipeline as soon
     * as it has routed it (routing is its first phase, so the 401s, 429s, 400s and 413s of the
     * phases after it carry it too). Undefined when no operation matched (404, 405) or the
     * request never reached the pipeline (the docs page, a CORS preflight).
     */
    operationId?: string;
  }
}

/** Records the operation `req` was routed to (read by the request metrics). */
export function markMatchedOperation(req: IncomingMessage, operationId: string | undefined): void {
  req.operationId = operationId;
}
