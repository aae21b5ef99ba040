import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { OpenAPIBackend, type Context, type Document, type Operation } from 'openapi-backend';
import type { Logger } from 'pino';
import type { FieldError } from '../errors/app-error.js';
import { AuthenticationError } from '../identity/auth-errors.js';
import type { Authenticator } from '../identity/authenticator.js';
import { requireScopes } from '../identity/scopes.js';
import { runAsUser, type LoggedUser } from '../identity/user-context.js';
import type { ContractDocument } from './contract-document.js';
import { assertHandlersMatch } from './handler-coverage.js';
import { markMatchedOperation } from './matched-operation.js';
import type { HandlerMap, OperationId, RequestContext } from './operation-types.js';
import { precompileRouting } from './precompiled-routing.js';
import { precompileRequestValidation } from './precompiled-validation.js';
import { HttpProblemError } from '../errors/http-problem-error.js';
import { logProblemCause, problemFromError } from './problem.js';
import { ResponseSender } from './response-sender.js';
import { compileResponseCatalog, withFormats } from './response-validators.js';
import { fieldErrorsFromAjv } from './validation-errors.js';

const ROUTABLE_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const REFUSE_ALL: Authenticator = {
  authenticate: () => Promise.reject(new AuthenticationError('No authentication is configured', { tokenGiven: false })),
};

/** What the contract router needs. */
export interface ContractRouterOptions {
  contract: ContractDocument;
  handlers: HandlerMap;
  logger: Logger;
  /** Authenticates callers of operations whose `security` the contract declares; without one they are all refused. */
  authenticator?: Authenticator;
}

/**
 * Builds the Express middleware that serves the contract: openapi-backend routes each request
 * to its operationId, ajv validates (and coerces) the request before the handler runs, and the
 * response sender validates what the handler returns before it is sent. Refuses to build when
 * the handler map and the spec disagree.
 */
/**
 * openapi-backend checks documents against the OpenAPI 3.0 meta-schema only, which rejects valid
 * 3.1 (`const`, `examples`, `info.summary`). The 3.1 document is linted by Redocly in
 * `make test` instead; strict mode stays on for everything else (unknown handlers, bad refs).
 */
class OpenApi31Backend extends OpenAPIBackend {
  override validateDefinition() {
    return this.document;
  }
}

export async function createContractRouter(options: ContractRouterOptions): Promise<RequestHandler> {
  const { contract, handlers, logger, authenticator = REFUSE_ALL } = options;
  const api = new OpenApi31Backend({
    definition: structuredClone(contract.document) as unknown as Document,
    strict: true,
    // quick: dereference synchronously and compile validators on demand; we compile the request
    // validators eagerly below and never use the library's response validators (the response
    // sender has its own catalog), which saved ~0.5 s of start-up and ~20 MB.
    quick: true,
    validate: true,
    coerceTypes: true,
    // validateSchema off: openapi-backend builds a fresh Ajv per operation and each one compiled
    // the JSON Schema meta-schema to check ours (300 ms of start-up); Redocly lints the schemas in
    // `make test` and ajv still refuses one it cannot compile.
    ajvOpts: { allErrors: true, useDefaults: true, strict: false, validateSchema: false },
    customizeAjv: (ajv) => withFormats(ajv),
  });
  await api.init();
  api.validator.preCompileRequestValidators();
  precompileRouting(api);
  precompileRequestValidation(api);
  const operations = api.getOperations();
  assertHandlersMatch(
    operations.map((o) => o.operationId!),
    Object.keys(handlers),
  );
  const sender = new ResponseSender(compileResponseCatalog(operations), logger);

  // Which operations need a caller, and with which scopes, comes from each operation's
  // `security` in the spec; openapi-backend calls these handlers for exactly those operations.
  for (const scheme of bearerSchemes(api.definition)) {
    const scopesOf = new Map(operations.map((operation) => [operation, requiredScopes(operation, scheme)]));
    api.registerSecurityHandler(scheme, async (c: Context, req: Request) => {
      markMatchedOperation(req, c.operation.operationId);
      const caller = await authenticator.authenticate(req);
      requireScopes(caller, scopesOf.get(c.operation) ?? requiredScopes(c.operation, scheme));
      return { user: caller.user };
    });
  }

  for (const operation of operations) {
    const operationId = operation.operationId as OperationId;
    const handler = handlers[operationId] as (input: unknown, context: RequestContext) => unknown;
    api.register(operationId, async (c: Context, req: Request, res: Response) => {
      markMatchedOperation(req, operationId);
      try {
        const input = { query: c.request.query, params: c.request.params, body: c.request.requestBody };
        const call = () => handler(input, { requestId: String(req.id), path: req.path });
        const user = authenticatedUser(c);
        if (user) res.locals.userId = user.id;
        const result = (await (user ? runAsUser(user, call) : call())) as {
          status: number;
          body: unknown;
          headers?: Record<string, unknown>;
        };
        sender.send(res, operationId, result);
      } catch (error) {
        sendError(res, error, operation);
      }
    });
  }

  api.register({
    notFound: (_c: Context, req: Request, res: Response) =>
      sendError(res, new HttpProblemError('route_not_found', 404, `No operation is defined at ${req.path}`)),
    methodNotAllowed: (_c: Context, req: Request, res: Response) => {
      const allowed = allowedMethods(api, req.path);
      sendError(
        res,
        new HttpProblemError('method_not_allowed', 405, `${req.method} is not allowed on ${req.path}; use ${allowed.join(', ')}`, {
          headers: { Allow: allowed.join(', ') },
        }),
      );
    },
    unauthorizedHandler: (c: Context, req: Request, res: Response) => {
      markMatchedOperation(req, c.operation.operationId);
      sendError(res, securityFailure(c));
    },
    validationFail: (c: Context, req: Request, res: Response) => {
      markMatchedOperation(req, c.operation.operationId);
      if (c.operation.requestBody && hasNonJsonBody(req)) {
        sendError(
          res,
          new HttpProblemError(
            'unsupported_media_type',
            415,
            `Expected a body of type application/json, got ${req.headers['content-type'] ?? 'no content type'}`,
          ),
        );
        return;
      }
      const errors = fieldErrorsFromAjv(c.validation.errors ?? []);
      sendError(res, new HttpProblemError('validation_error', 400, describeFields(errors), { errors }));
    },
  });

  function sendError(res: Response, error: unknown, operation?: Operation): void {
    const outcome = problemFromError(error);
    logProblemCause(logger, error, outcome, res.req.id);
    const { problem: body, headers } = outcome;
    if (body.errors && operation) body.errors = body.errors.map((e) => locateField(e, operation));
    sender.sendProblem(res, body, headers);
  }

  return (req: Request, res: Response, next: NextFunction) => {
    api
      .handleRequest(
        {
          method: req.method === 'HEAD' ? 'GET' : req.method,
          path: req.path,
          query: req.query as Record<string, string | string[]>,
          headers: req.headers as Record<string, string | string[]>,
          body: req.body,
        },
        req,
        res,
      )
      .catch(next);
  };
}

/** Names of the spec's HTTP bearer security schemes. */
function bearerSchemes(document: Document): string[] {
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, { type?: string; scheme?: string }>;
  return Object.keys(schemes).filter((name) => schemes[name]?.type === 'http' && schemes[name]?.scheme?.toLowerCase() === 'bearer');
}

/** The scopes an operation's security requirement lists for `scheme` (OpenAPI 3.1 allows them on any scheme). */
function requiredScopes(operation: Operation, scheme: string): string[] {
  return (operation.security ?? []).flatMap((requirement) => (requirement as Record<string, string[]>)[scheme] ?? []);
}

/** The user a security handler authenticated for this request, if the operation is secured. */
function authenticatedUser(c: Context): LoggedUser | undefined {
  const results = (c.security ?? {}) as Record<string, { user?: LoggedUser } | boolean | undefined>;
  for (const scheme in results) {
    const result = results[scheme];
    if (typeof result === 'object' && result?.user) return result.user;
  }
  return undefined;
}

/** Why the security handlers refused the request (the first error they threw). */
function securityFailure(c: Context): unknown {
  const results = Object.values(c.security ?? {}) as ({ error?: unknown } | boolean | undefined)[];
  const failure = results.map((r) => (typeof r === 'object' ? r.error : undefined)).find(Boolean);
  return failure ?? new AuthenticationError('This operation requires authentication', { tokenGiven: false });
}

/** Prefixes a service's bare field name with where the caller put it (`query.`, `path.`, `body.`). */
function locateField(error: FieldError, operation: Operation): FieldError {
  if (error.field.includes('.')) return error;
  const parameter = operation.parameters?.find((p) => 'name' in p && p.name === error.field) as { in: string } | undefined;
  if (parameter) return { ...error, field: `${parameter.in}.${error.field}` };
  return operation.requestBody ? { ...error, field: `body.${error.field}` } : error;
}

function describeFields(errors: FieldError[]): string {
  return errors.length === 0 ? 'The request is invalid' : errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}

function allowedMethods(api: OpenAPIBackend, path: string): string[] {
  return ROUTABLE_METHODS.filter((method) => api.router.matchOperation({ method, path, headers: {} })).map((m) =>
    m.toUpperCase(),
  );
}

function hasNonJsonBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  return hasBody && !req.is('application/json');
}

