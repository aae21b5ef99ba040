import { ServerResponse, validateHeaderName, validateHeaderValue } from 'node:http';

const QUEUED = Symbol('queued response headers');

type WithQueue = ServerResponse & { [QUEUED]?: string[] };

/**
 * Queues a header (name and value checked now, as `setHeader` checks them) to be written with
 * the status line. A later queued header of the same name replaces it; a header set with
 * `setHeader` wins over a queued one. On a response whose prototype does not write queued
 * headers (see `writeQueuedHeaders`), this is `setHeader`.
 */
export function queueHeader(res: ServerResponse, name: string, value: string): void {
  validateHeaderName(name);
  validateHeaderValue(name, value);
  queue(res, name, value);
}

/** Queues a list of name, value, name, value... already checked with `checkedHeaders`. */
export function queueCheckedHeaders(res: ServerResponse, headers: CheckedHeaders): void {
  for (let i = 0; i < headers.length; i += 2) queue(res, headers[i]!, headers[i + 1]!);
}

/** A flat name, value, ... list whose names and values were validated once. */
export type CheckedHeaders = readonly string[] & { readonly checked: true };

/** Validates a flat name, value, ... list once, for queueing on every response. */
export function checkedHeaders(headers: readonly string[]): CheckedHeaders {
  if (headers.length % 2 !== 0) throw new TypeError('headers must be name, value pairs');
  for (let i = 0; i < headers.length; i += 2) {
    validateHeaderName(headers[i]!);
    validateHeaderValue(headers[i]!, headers[i + 1]!);
  }
  return Object.assign([...headers], { checked: true as const });
}

function queue(res: ServerResponse, name: string, value: string): void {
  if (res.writeHead !== writeHeadWithQueue) {
    res.setHeader(name, value);
    return;
  }
  const target = res as WithQueue;
  const queued = (target[QUEUED] ??= []);
  for (let i = 0; i < queued.length; i += 2) {
    const existing = queued[i]!;
    if (existing.length === name.length && (existing === name || existing.toLowerCase() === name.toLowerCase())) {
      queued[i + 1] = value;
      return;
    }
  }
  queued.push(name, value);
}

/**
 * Makes responses built on `prototype` write their queued headers with the status line.
 *
 * Why: every `setHeader` lower-cases the name and adds it to a per-response dictionary that
 * Node grows and rehashes, and /health answers with 17 headers (helmet's eleven among them).
 * When nothing was set with `setHeader`, the queue goes to Node's `writeHead` as one list,
 * which Node writes straight out (checking each header as `setHeader` would). Otherwise each
 * queued header not already set is set, and Node writes as usual; either way the same headers
 * leave, whichever path sent the response.
 */
export function writeQueuedHeaders(prototype: ServerResponse): void {
  if (!(prototype instanceof ServerResponse)) throw new TypeError('not a ServerResponse prototype');
  Object.defineProperty(prototype, 'writeHead', { value: writeHeadWithQueue, writable: true, configurable: true });
}

const nodeWriteHead = ServerResponse.prototype.writeHead as (this: ServerResponse, ...args: unknown[]) => ServerResponse;

function writeHeadWithQueue(this: WithQueue, ...args: unknown[]): ServerResponse {
  const queued = this[QUEUED];
  if (queued !== undefined) {
    this[QUEUED] = undefined;
    if (args.length === 1 && this.getHeaderNames().length === 0) return nodeWriteHead.call(this, args[0], queued);
    for (let i = 0; i < queued.length; i += 2) if (!this.hasHeader(queued[i]!)) this.setHeader(queued[i]!, queued[i + 1]!);
  }
  return nodeWriteHead.apply(this, args);
}
