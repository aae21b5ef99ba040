import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { CompiledContract, CompiledOperation, ResponseExamples } from '../contract/compiled-contract.js';
import { HttpProblemError } from '../errors/http-problem-error.js';
import { jsonBodyReader } from '../http/json-body.js';
import { problemErrors } from '../http/problem-errors.js';
import { requestLogging } from '../http/request-logging.js';
import { AuthenticationError } from '../identity/auth-errors.js';
import type { Authenticator } from '../identity/authenticator.js';
import { declaredScopes } from '../identity/scopes.js';
import { requestPipeline, type OperationResponder } from '../request-pipeline.js';

/** What the mock is built from. */
export interface MockAppOptions {
  contract: CompiledContract;
  logger: Logger;
  bodyLimitBytes?: number;
}

/** The caller every request with some bearer token is taken for. */
const MOCK_CALLER = Object.freeze({ id: '00000000-0000-4000-8000-000000000000', username: 'mock', email: null });

/**
 * Builds an app that answers every operation of the contract from its examples before any
 * backend exists. It runs the server's own request pipeline (request-pipeline.ts): the same
 * routing (404, 405), the same compiled validators (400 naming each field, 415), the same
 * response checks; operations with a bearer `security` requirement refuse requests without a
 * bearer token (the token itself is not checked). `Prefer: code=404` picks another documented
 * response, and `Prefer: example=<name>` a named example, as in Prism.
 */
export function createMockApp(options: MockAppOptions): Express {
  const { contract, logger, bodyLimitBytes = 102_400 } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLogging(logger));
  app.use(
    requestPipeline({
      operations: contract.operations,
      respond: exampleResponder(contract.responseExamples()),
      authenticator: anyBearerToken(declaredScopes(contract.document)),
      rateLimit: undefined,
      readBody: jsonBodyReader(bodyLimitBytes),
      logger,
    }),
  );
  app.use(problemErrors(logger));
  return app;
}

/** Answers with the documented example of the status `Prefer: code=` asks for, or of the operation's success. */
function exampleResponder(examples: Readonly<Record<string, Readonly<Record<string, ResponseExamples>>>>): OperationResponder {
  return (operation, _input, req) => {
    const prefer = parsePrefer(req.get('prefer'));
    if (prefer.code && !Object.hasOwn(operation.responses, prefer.code)) {
      throw new HttpProblemError('mock_code_not_documented', 400, `Prefer: code=${prefer.code} is not a documented response of ${operation.operationId}`);
    }
    const status = prefer.code ?? defaultStatus(operation);
    const documented = examples[operation.operationId]?.[status];
    const named = prefer.example !== undefined ? documented?.named[prefer.example] : undefined;
    return { status: Number(status), body: named ?? documented?.example, headers: documented?.headers };
  };
}

/** openapi-backend's choice of a mock's status: the first of 200-203 documented, else the first documented. */
function defaultStatus(operation: CompiledOperation): string {
  const statuses = Object.keys(operation.responses);
  return ['200', '201', '202', '203'].find((status) => statuses.includes(status)) ?? statuses[0]!;
}

/** Any `Authorization: Bearer <something>` is a caller with every scope; nothing is verified. */
function anyBearerToken(scopes: readonly string[]): Authenticator {
  const caller = { user: MOCK_CALLER, scopes: new Set(scopes) };
  return {
    authenticate: ({ headers }) =>
      /^Bearer \S+/i.test(String(headers.authorization ?? ''))
        ? Promise.resolve(caller)
        : Promise.reject(new AuthenticationError('A bearer token is required', { tokenGiven: false })),
  };
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
