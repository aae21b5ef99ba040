import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import type { Store } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';

import { createServices } from './compose.js';
import type { AppConfig } from './config.js';
import type { CompiledContract } from './contract/compiled-contract.js';
import { assertHandlersMatch } from './contract/handler-coverage.js';
import { operationPath } from './contract/link-header.js';
import type { HandlerMap, OperationId, RequestContext } from './contract/operation-types.js';
import { type RequestSurface, requestSurface } from './contract/request-surface.js';
import type { StorageEngine } from './data/engine/storage-engine.js';
import { callerRateLimit } from './http/caller-rate-limit.js';
import { docsPage } from './http/docs-page.js';
import { jsonBodyReader } from './http/json-body.js';
import { problemErrors } from './http/problem-errors.js';
import { requestLogging } from './http/request-logging.js';
import { setCollectedHeaders } from './http/response-headers.js';
import { apiSecurityHeaders } from './http/security-headers.js';
import { createAuthenticator } from './identity/create-authenticator.js';
import { withLocalDevUser } from './identity/local-dev-user.js';
import { requestMetrics } from './metrics/request-metrics.js';
import type { ServiceMetrics } from './metrics/service-metrics.js';
import { createHandlers } from './operations/handlers.js';
import { type OperationResponder, requestPipeline } from './request-pipeline.js';

/** What the app is built from; tests supply their own. */
export interface AppDependencies {
  config: AppConfig;
  storage: StorageEngine;
  /** The contract, compiled at build time (`loadCompiledContract`). */
  contract: CompiledContract;
  logger: Logger;
  now?: () => Date;
  /** Replaces handlers (tests use it to make one drift); defaults to the real ones. */
  overrideHandlers?: (handlers: HandlerMap) => HandlerMap;
  /**
   * Where rate-limit counters live: memory when absent. With RATE_LIMIT_REDIS_URL the caller
   * (server.ts) connects the Redis store, passes it here and closes it on shutdown.
   */
  rateLimitStore?: Store;
  /** Counts requests and rate-limit refusals when the service serves metrics (METRICS_PORT). */
  metrics?: ServiceMetrics;
  /** True once the process was told to stop (server.ts, on SIGTERM): /ready then answers 503. */
  isStopping?: () => boolean;
}

/**
 * Builds the Express app. Every request is counted by the metrics (when on), gets its response
 * headers started (the security headers, worked out once), an id and an access-log line; CORS
 * preflights and the docs page are answered here; everything else goes through the request
 * pipeline (request-pipeline.ts), phase by phase.
 */
export function createApp(deps: AppDependencies): Express {
  const { config, storage, contract, logger } = deps;
  const services = createServices(storage, config, contract, deps.now, deps.isStopping);
  const handlers = createHandlers(services);
  const verified = createAuthenticator(config.auth);
  const authenticator = config.localDevUser ? withLocalDevUser(verified) : verified;
  if (config.rateLimitRedisUrl && !deps.rateLimitStore) {
    throw new Error('RATE_LIMIT_REDIS_URL is set but no Redis store was passed to createApp (server.ts connects it)');
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // Where `req.ip` (the anonymous callers' rate-limit key) comes from: the socket's peer,
  // or with TRUST_PROXY the X-Forwarded-For entry the trusted proxies vouch for (proxy-addr).
  app.set('trust proxy', config.trustProxy);

  if (deps.metrics) app.use(requestMetrics(deps.metrics));
  app.use(requestLogging(logger, apiSecurityHeaders(config.corsOrigins.length > 0)));
  if (config.corsOrigins.length > 0) {
    app.use(answeredElsewhere(corsFor(config.corsOrigins, requestSurface(contract.document)), (req) => req.method === 'OPTIONS'));
  }
  app.get('/docs', answeredElsewhere(docsSecurityPolicy()), docsPage(config.docsHtml));
  app.use(
    requestPipeline({
      operations: contract.operations,
      respond: handlerResponder(deps.overrideHandlers ? deps.overrideHandlers(handlers) : handlers, contract),
      authenticator,
      rateLimit:
        config.rateLimitPerMinute > 0
          ? callerRateLimit({ perMinute: config.rateLimitPerMinute, store: deps.rateLimitStore, onLimited: deps.metrics?.rateLimited })
          : undefined,
      readBody: jsonBodyReader(config.bodyLimitBytes),
      logger,
    }),
  );
  app.use(problemErrors(logger));
  return app;
}

/** Each operation's handler, called with its validated input; refuses to build when the handler map and the contract disagree. */
function handlerResponder(handlers: HandlerMap, contract: CompiledContract): OperationResponder {
  assertHandlersMatch(
    contract.operations.map((operation) => operation.operationId),
    Object.keys(handlers),
  );
  return (operation, input, req, user) => {
    const handler = handlers[operation.operationId as OperationId] as (
      input: unknown,
      context: RequestContext,
    ) => ReturnType<OperationResponder>;
    return handler(input, { requestId: req.id, path: operationPath(operation.path, input.params), user });
  };
}

/**
 * Runs `middleware` (which answers some requests itself: a CORS preflight, the docs page) with
 * the headers collected so far set on the response, for the requests `answers` picks.
 */
function answeredElsewhere(middleware: RequestHandler, answers: (req: express.Request) => boolean = () => true): RequestHandler {
  return (req, res, next) => {
    if (answers(req)) setCollectedHeaders(res);
    middleware(req, res, next);
  };
}

/**
 * The Redoc page is one self-contained HTML file with inline scripts and styles (its build adds
 * a matching meta policy); nothing may load from another origin or frame it.
 */
function docsSecurityPolicy(): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'", "'unsafe-inline'", "'unsafe-eval'", 'data:', 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
}

/**
 * CORS for an allow-list of origins (Command Center's direct mode, browser widgets served
 * elsewhere); bearer tokens, no cookies. Preflights admit every method and request header the
 * contract declares, besides the ones every request may carry.
 */
function corsFor(origins: readonly string[], surface: RequestSurface): RequestHandler {
  return cors({
    origin: [...origins],
    methods: [...new Set(['GET', 'HEAD', 'OPTIONS', ...surface.methods])],
    allowedHeaders: [...new Set(['Authorization', 'Content-Type', 'X-Request-Id', ...surface.headers])],
    exposedHeaders: ['Link', 'Location', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'WWW-Authenticate', 'X-Request-Id'],
    maxAge: 600,
  });
}
