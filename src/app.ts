import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { createServices } from './compose.js';
import type { AppConfig } from './config.js';
import type { ContractDocument } from './contract/contract-document.js';
import { createContractRouter } from './contract/contract-router.js';
import type { HandlerMap } from './contract/operation-types.js';
import type { StorageEngine } from './data/engine/storage-engine.js';
import { docsPage } from './http/docs-page.js';
import { bodyParseErrors, jsonBody } from './http/json-body.js';
import { problemErrors } from './http/problem-errors.js';
import { requestLogging } from './http/request-logging.js';
import { createAuthenticator } from './identity/create-authenticator.js';
import { createHandlers } from './operations/handlers.js';

/** What the app is built from; tests supply their own. */
export interface AppDependencies {
  config: AppConfig;
  storage: StorageEngine;
  contract: ContractDocument;
  logger: Logger;
  now?: () => Date;
  /** Replaces handlers (tests use it to make one drift); defaults to the real ones. */
  overrideHandlers?: (handlers: HandlerMap) => HandlerMap;
}

/** Builds the Express app; the middleware order below is the request's path through it. */
export async function createApp(deps: AppDependencies): Promise<Express> {
  const { config, storage, contract, logger } = deps;
  const services = createServices(storage, config, contract, deps.now);
  const handlers = createHandlers(services);
  const authenticator = createAuthenticator(config.auth);
  const contractRouter = await createContractRouter({
    contract,
    handlers: deps.overrideHandlers ? deps.overrideHandlers(handlers) : handlers,
    logger,
    authenticator,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(requestLogging(logger));
  app.get('/docs', docsPage(config.docsHtml));
  app.use(jsonBody(config.bodyLimitBytes));
  app.use(bodyParseErrors(config.bodyLimitBytes));
  app.use(contractRouter);
  app.use(problemErrors(logger));
  return app;
}
