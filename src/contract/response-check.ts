import { validateHeaderName, validateHeaderValue } from 'node:http';

import { ResponseDriftError } from '../errors/response-drift-error.js';
import type { CompiledOperation } from './compiled-contract.js';

/** A response a handler (or the mock) wants to send. */
export interface OutgoingResponse {
  status: number;
  body: unknown;
  headers?: Record<string, unknown> | undefined;
}

/** A response checked against the contract and serialized, ready to be written. */
export interface CheckedResponse {
  status: number;
  /** The documented media type; undefined when the response has no content. */
  contentType: string | undefined;
  /** The serialized body; undefined when there is none. */
  payload: string | undefined;
  /** The handler's headers, as strings. */
  headers: Record<string, string>;
}

/**
 * Checks `outgoing` against what `operation` documents for its status (the status is
 * documented, the body validates against that status's schema, every required header is
 * present, every documented header's value matches its schema, and every header is one HTTP can carry) and serializes the body. Throws ResponseDriftError otherwise, so a drifted body never
 * leaves the process.
 */
export function checkResponse(operation: CompiledOperation, outgoing: OutgoingResponse): CheckedResponse {
  const { status, body } = outgoing;
  const documented = operation.responses[status];
  if (!documented) throw new ResponseDriftError(operation.operationId, status, [`status ${status} is not documented`]);
  const { validate } = documented;
  if (validate && !validate(body)) {
    const violations = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    throw new ResponseDriftError(operation.operationId, status, violations);
  }
  const headers: Record<string, string> = {};
  const given = outgoing.headers;
  if (given) {
    for (const name in given) {
      if (given[name] === undefined) continue;
      const value = String(given[name]);
      if (!isSendable(name, value))
        throw new ResponseDriftError(operation.operationId, status, [`header ${name} has a value HTTP cannot carry`]);
      headers[name] = value;
    }
  }
  const missing = documented.requiredHeaders.filter((name) => headers[name] === undefined);
  if (missing.length > 0)
    throw new ResponseDriftError(
      operation.operationId,
      status,
      missing.map((name) => `header ${name} is required`),
    );
  const { validateHeaders } = documented;
  if (validateHeaders && given && !validateHeaders({ ...headers })) {
    const violations = (validateHeaders.errors ?? []).map((e) => `header ${e.instancePath.slice(1)} ${e.message ?? ''}`.trim());
    throw new ResponseDriftError(operation.operationId, status, violations);
  }
  const { contentType } = documented;
  let payload: string | undefined;
  if (body !== undefined && contentType !== undefined) {
    payload = documented.serialize ? documented.serialize(body) : documented.json ? JSON.stringify(body) : String(body);
  }
  return { status, contentType, payload, headers };
}

/** Whether Node would send the header as it is (what `setHeader` and `writeHead` check). */
function isSendable(name: string, value: string): boolean {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}
