import express, { type Express, type Request, type Response } from 'express';
import { OpenAPIBackend, type Context, type Document } from 'openapi-backend';
import type { Logger } from 'pino';
import type { ContractDocument } from '../contract/contract-document.js';
import { HttpProblemError } from '../errors/http-problem-error.js';
import { problemFromError } from '../contract/problem.js';
import { ResponseSender } from '../contract/response-sender.js';
import { compileResponseCatalog, withFormats } from '../contract/response-validators.js';
import { fieldErrorsFromAjv } from '../contract/validation-errors.js';
import { bodyParseErrors, jsonBody } from '../http/json-body.js';
import { problemErrors } from '../http/problem-errors.js';

/** The contract is OpenAPI 3.1, which openapi-backend's 3.0 meta-schema rejects; Redocly lints it instead. */
class OpenApi31Backend extends OpenAPIBackend {
  override validateDefinition() {
    return this.document;
  }
}

/** What the mock is built from. */
export interface MockAppOptions {
  contract: ContractDocument;
  logger: Logger;
  bodyLimitBytes?: number;
}

/**
 * Builds an app that answers every operation of the contract from its examples (openapi-backend's
 * mocking) before any backend exists. Requests are validated exactly like the real server's
 * (same ajv options, same problem bodies), responses go through the same response sender, and
 * operations with a bearer `security` requirement refuse requests without a bearer token (the
 * token itself is not checked). `Prefer: code=404` picks another documented response, and
 * `Prefer: example=<name>` a named example, as in Prism.
 */
export async function createMockApp(options: MockAppOptions): Promise<Express> {
  const { contract, logger, bodyLimitBytes = 102_400 } = options;
  const api = new OpenApi31Backend({
    definition: structuredClone(contract.document) as unknown as Document,
    validate: true,
    coerceTypes: true,
    ajvOpts: { allErrors: true, useDefaults: true, strict: false },
    customizeAjv: (ajv) => withFormats(ajv),
  });
  await api.init();
  const sender = new ResponseSender(compileResponseCatalog(api.getOperations()), logger);
  const fail = (res: Response, error: unknown) => {
    const { problem, headers } = problemFromError(error);
    sender.sendProblem(res, problem, headers);
  };

  for (const scheme of bearerSchemes(contract.document)) {
    api.registerSecurityHandler(scheme, (_c: Context, req: Request) => /^Bearer \S+/i.test(req.headers.authorization ?? ''));
  }
  api.register({
    notImplemented: (c: Context, req: Request, res: Response) => {
      const operationId = c.operation.operationId!;
      const prefer = parsePrefer(req.get('prefer'));
      if (prefer.code && !c.operation.responses?.[prefer.code]) {
        fail(res, new HttpProblemError('mock_code_not_documented', 400, `Prefer: code=${prefer.code} is not a documented response of ${operationId}`));
        return;
      }
      const { status, mock } = api.mockResponseForOperation(operationId, {
        ...(prefer.code ? { code: Number(prefer.code) } : {}),
        ...(prefer.example ? { example: prefer.example } : {}),
      });
      sender.send(res, operationId, { status, body: mock, headers: exampleHeaders(c.operation.responses?.[String(status)]) });
    },
    notFound: (_c: Context, req: Request, res: Response) => fail(res, new HttpProblemError('route_not_found', 404, `No operation is defined at ${req.path}`)),
    methodNotAllowed: (_c: Context, req: Request, res: Response) =>
      fail(res, new HttpProblemError('method_not_allowed', 405, `${req.method} is not allowed on ${req.path}`)),
    unauthorizedHandler: (_c: Context, _req: Request, res: Response) =>
      fail(res, new HttpProblemError('unauthenticated', 401, 'A bearer token is required', { headers: { 'WWW-Authenticate': 'Bearer' } })),
    validationFail: (c: Context, req: Request, res: Response) => {
      if (c.operation.requestBody && req.headers['content-type'] !== undefined && !req.is('application/json')) {
        fail(res, new HttpProblemError('unsupported_media_type', 415, `Expected a body of type application/json, got ${req.headers['content-type']}`));
        return;
      }
      const errors = fieldErrorsFromAjv(c.validation.errors ?? []);
      fail(res, new HttpProblemError('validation_error', 400, errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'The request is invalid', { errors }));
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(jsonBody(bodyLimitBytes));
  app.use(bodyParseErrors(bodyLimitBytes));
  app.use((req, res, next) => {
    api
      .handleRequest(
        { method: req.method === 'HEAD' ? 'GET' : req.method, path: req.path, query: req.query as Record<string, string>, headers: req.headers as Record<string, string>, body: req.body },
        req,
        res,
      )
      .catch(next);
  });
  app.use(problemErrors(logger));
  return app;
}

/** Parses `Prefer: code=404, example=empty` into mock options. */
function parsePrefer(header: string | undefined): { code?: string; example?: string } {
  const options: { code?: string; example?: string } = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if ((key === 'code' || key === 'example') && value) options[key] = value;
  }
  return options;
}

/** A value for every header the response documents, from its example (or a placeholder). */
function exampleHeaders(response: unknown): Record<string, string> {
  const headers = ((response as { headers?: Record<string, { example?: unknown; schema?: { example?: unknown; examples?: unknown[] } }> })?.headers ?? {});
  return Object.fromEntries(
    Object.entries(headers).map(([name, header]) => [name, String(header.example ?? header.schema?.example ?? header.schema?.examples?.[0] ?? `mock-${name.toLowerCase()}`)]),
  );
}

/** Names of the document's HTTP bearer security schemes. */
function bearerSchemes(document: Record<string, unknown>): string[] {
  const schemes = ((document.components as { securitySchemes?: Record<string, { type?: string; scheme?: string }> })?.securitySchemes ?? {});
  return Object.entries(schemes)
    .filter(([, s]) => s.type === 'http' && s.scheme?.toLowerCase() === 'bearer')
    .map(([name]) => name);
}
