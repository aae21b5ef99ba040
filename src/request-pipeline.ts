import type { ErrorObject } from 'ajv';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

import type { CompiledOperation } from './contract/compiled-contract.js';
import { markMatchedOperation } from './contract/matched-operation.js';
import { type ValidatedInput, validateRequest } from './contract/request-validation.js';
import { checkResponse, type OutgoingResponse } from './contract/response-check.js';
import { type RouteMatch, RouteTable } from './contract/route-table.js';
import { boundFieldErrors, fieldErrorsFromAjv } from './contract/validation-errors.js';
import type { FieldError } from './errors/app-error.js';
import { HttpProblemError } from './errors/http-problem-error.js';
import { logProblemCause, problemFromError } from './errors/problem.js';
import { callerKey, type CallerRateLimit } from './http/caller-rate-limit.js';
import type { JsonBodyReader } from './http/json-body.js';
import { responseHeaders } from './http/response-headers.js';
import { writeProblem, writeResponse } from './http/response-writer.js';
import { credentialInQuery } from './http/url-credentials.js';
import { MAX_URL_BYTES, urlTooLong } from './http/url-length.js';
import type { AuthenticatedCaller, Authenticator } from './identity/authenticator.js';
import { requireScopes } from './identity/scopes.js';
import type { LoggedUser } from './identity/user-context.js';

/** Answers an operation once its request is validated: the handlers (the server) or the contract's examples (the mock). */
export type OperationResponder = (
  operation: CompiledOperation,
  input: ValidatedInput,
  req: Request,
  /** The authenticated caller, on an operation that requires authentication. */
  user: LoggedUser | undefined,
) => Promise<OutgoingResponse> | OutgoingResponse;

/** What the request pipeline is built from. */
export interface RequestPipelineOptions {
  operations: readonly CompiledOperation[];
  respond: OperationResponder;
  /** Authenticates callers of the operations whose `security` the contract declares. */
  authenticator: Authenticator;
  /** Off when undefined. */
  rateLimit: CallerRateLimit | undefined;
  readBody: JsonBodyReader;
  logger: Logger;
}

/**
 * The contract's operations, served phase by phase (each phase's code lives in the file named):
 * 1. route: a URL over 8 KiB is a 414 (http/url-length.ts); the operation for the method and
 *    path (contract/route-table.ts), else 404 or 405; a secured operation's answer, or one to a
 *    request with credentials, is marked `Cache-Control: no-store`;
 * 2. authenticate: a secured operation's caller (identity/), bound to the request for its handler;
 * 3. rate limit: the caller (or, when none, the address) counted (http/caller-rate-limit.ts),
 *    except on the probes the contract marks `x-rate-limited: false`; only then is a credential
 *    in the query string a 400 (http/url-credentials.ts), a 404, 405 or 401 answered, and then a
 *    missing scope (403);
 * 4. parse body: read only now that the caller is known and allowed, size-limited (http/json-body.ts);
 *    an answer written before the body was read closes the connection (http/response-writer.ts);
 * 5. validate the request: the validators compiled at build time (contract/request-validation.ts);
 * 6. the handler (operations/, through `respond`);
 * 7. validate the response and serialize it (contract/response-check.ts);
 * 8. write: one `writeHead` with every collected header, one `end` (http/response-writer.ts).
 * Anything thrown on the way becomes a problem in one place (errors/problem.ts) and is written
 * the same way.
 */
export function requestPipeline(options: RequestPipelineOptions): RequestHandler {
  const { respond, authenticator, rateLimit, readBody, logger } = options;
  const routes = new RouteTable(options.operations);

  async function serve(req: Request, res: Response): Promise<void> {
    // Set once the handler runs: a service's bare field names are then located in the request.
    let handled: CompiledOperation | undefined;
    try {
      if (urlTooLong(req.url)) throw new HttpProblemError('uri_too_long', 414, `The request URL exceeds ${MAX_URL_BYTES} bytes`);
      const route = routes.match(req.method, req.path);
      if (route.kind === 'operation') markMatchedOperation(req, route.operation.operationId);
      // What a caller's credentials unlocked must not be kept by a shared cache (nor a browser's).
      if ((route.kind === 'operation' && route.operation.security) || req.headers.authorization !== undefined) {
        responseHeaders(res).set('Cache-Control', 'no-store');
      }

      let caller: AuthenticatedCaller | undefined;
      let refusal: unknown;
      if (route.kind === 'operation' && route.operation.security) {
        try {
          caller = await authenticator.authenticate(req);
        } catch (error) {
          refusal = error;
        }
      }

      // The probes the contract marks `x-rate-limited: false` are never counted; anything else, even a 404, is.
      const counted = route.kind !== 'operation' || route.operation.rateLimited;
      if (rateLimit && counted) await rateLimit.count(callerKey(caller?.user.id, req.ip), responseHeaders(res));
      // Read once: Express 5 parses the query string again at every read of `req.query`.
      const query = req.query;
      const credential = credentialInQuery(query);
      if (credential !== undefined) throw credentialInUrl(credential);
      if (route.kind !== 'operation') throw routingProblem(route, req);
      if (refusal !== undefined) throw refusal;
      const served = route.operation;
      if (caller) {
        requireScopes(caller, served.security?.scopes ?? []);
        req.userId = caller.user.id;
      }

      if (served.requestBody) await readBody(req, res);

      const verdict = validateRequest(served, {
        pathParameters: route.pathParameters,
        query,
        headers: req.headers,
        body: req.body,
      });
      if (!verdict.valid) throw invalidRequest(served, req, verdict.errors);

      handled = served;
      const outgoing = await respond(served, verdict.input, req, caller?.user);

      writeResponse(res, checkResponse(served, outgoing));
    } catch (error) {
      fail(req, res, error, handled);
    }
  }

  /** The one way out for anything thrown: a problem, logged as it deserves, written like any response. */
  function fail(req: Request, res: Response, error: unknown, handled: CompiledOperation | undefined): void {
    try {
      const outcome = problemFromError(error, req.id);
      logProblemCause(logger, error, outcome, req.id);
      const { errors } = outcome.problem;
      if (errors && handled) outcome.problem.errors = errors.map((e) => locateField(e, handled));
      writeProblem(res, outcome);
    } catch (failure) {
      logger.error({ err: failure, requestId: req.id }, 'writing a problem failed; the connection is closed');
      res.destroy();
    }
  }

  return (req, res) => void serve(req, res);
}

function routingProblem(route: Exclude<RouteMatch, { kind: 'operation' }>, req: Request): HttpProblemError {
  if (route.kind === 'not-found') return new HttpProblemError('route_not_found', 404, `No operation is defined at ${req.path}`);
  const allowed = route.allowed.join(', ');
  return new HttpProblemError('method_not_allowed', 405, `${req.method} is not allowed on ${req.path}; use ${allowed}`, {
    headers: { Allow: allowed },
  });
}

/** 415 when the operation takes a body and one came in another media type; otherwise 400 naming every bad field. */
function invalidRequest(operation: CompiledOperation, req: Request, ajvErrors: readonly ErrorObject[]): HttpProblemError {
  if (operation.requestBody && hasNonJsonBody(req)) {
    const got = req.headers['content-type'] ?? 'no content type';
    return new HttpProblemError('unsupported_media_type', 415, `Expected a body of type application/json, got ${got}`);
  }
  const { listed: errors, more } = boundFieldErrors(fieldErrorsFromAjv(ajvErrors));
  const detail =
    errors.length === 0
      ? 'The request is invalid'
      : errors.map((e) => `${e.field}: ${e.message}`).join('; ') + (more > 0 ? `; and ${more} more` : '');
  return new HttpProblemError('validation_error', 400, detail, { errors });
}

/** A credential in the query string: refused, naming the parameter, never echoing its value. */
function credentialInUrl(name: string): HttpProblemError {
  const detail = `Credentials must not be sent in the URL (query.${name}); send them in the Authorization header`;
  return new HttpProblemError('credentials_in_url', 400, detail, {
    errors: [{ field: `query.${name}`, message: 'is a credential and is not accepted in the URL' }],
  });
}

function hasNonJsonBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  return hasBody && !req.is('application/json');
}

/** Prefixes a service's bare field name with where the caller put it (`query.`, `path.`, `body.`). */
function locateField(error: FieldError, operation: CompiledOperation): FieldError {
  if (error.field.includes('.')) return error;
  const location = Object.hasOwn(operation.parameterLocations, error.field) ? operation.parameterLocations[error.field] : undefined;
  if (location) return { ...error, field: `${location}.${error.field}` };
  return operation.requestBody ? { ...error, field: `body.${error.field}` } : error;
}
