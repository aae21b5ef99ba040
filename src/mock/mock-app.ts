import express, { type Express } from 'express';
import type { Logger } from 'pino';

import type { components } from '../../generated/openapi.js';
import type { CompiledContract } from '../contract/compiled-contract.js';
import { jsonBodyReader } from '../http/json-body.js';
import { problemErrors } from '../http/problem-errors.js';
import { requestLogging } from '../http/request-logging.js';
import { AuthenticationError } from '../identity/auth-errors.js';
import type { Authenticator } from '../identity/authenticator.js';
import { declaredScopes } from '../identity/scopes.js';
import { requestPipeline } from '../request-pipeline.js';
import { CustomerCollection } from './customer-collection.js';
import { DynamicBodies } from './dynamic-body.js';
import { mockResponder } from './mock-responder.js';

/** What the mock is built from. */
export interface MockAppOptions {
  contract: CompiledContract;
  logger: Logger;
  bodyLimitBytes?: number;
  /** MOCK_SEED: the seed of `Prefer: dynamic=true` data (default 1). */
  seed?: number;
  /** MOCK_STATEFUL=1: created customers are kept in memory and seen by the GETs that follow. */
  stateful?: boolean;
}

/** The caller every request with some bearer token is taken for. */
const MOCK_CALLER = Object.freeze({ id: '00000000-0000-4000-8000-000000000000', username: 'mock', email: null });

/**
 * Builds an app that answers every operation of the contract from its examples before any
 * backend exists. It runs the server's own request pipeline (request-pipeline.ts): the same
 * routing (404, 405), the same compiled validators (400 naming each field, 415), the same
 * response checks and the same problems; operations with a bearer `security` requirement refuse
 * requests without a bearer token (the token itself is not checked). What it answers is
 * mock-responder.ts's: `Prefer: code=`, `example=<name>` and `dynamic=true`, the customers from
 * the contract's example list (stateful with MOCK_STATEFUL=1), else the success example.
 */
export function createMockApp(options: MockAppOptions): Express {
  const { contract, logger, bodyLimitBytes = 102_400, seed = 1, stateful = false } = options;
  const listed = contract.responseExamples().listCustomers?.['200']?.example as components['schemas']['Customer'][] | undefined;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLogging(logger));
  app.use(
    requestPipeline({
      operations: contract.operations,
      respond: mockResponder({
        contract,
        customers: new CustomerCollection(listed ?? []),
        stateful,
        dynamic: new DynamicBodies(contract.document, seed),
      }),
      authenticator: anyBearerToken(declaredScopes(contract.document)),
      rateLimit: undefined,
      readBody: jsonBodyReader(bodyLimitBytes),
      logger,
    }),
  );
  app.use(problemErrors(logger));
  return app;
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
