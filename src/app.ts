import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import type { Store } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { createServices } from './compose.js';
import type { AppConfig } from './config.js';
import type { ContractDocument } from './contract/contract-document.js';
import { createContractRouter } from './contract/contract-router.js';
import { requestSurface, type RequestSurface } from './contract/request-surface.js';
import type { HandlerMap } from './contract/operation-types.js';
import type { StorageEngine } from './data/engine/storage-engine.js';
import { docsPage } from './http/docs-page.js';
import { capturedHeaders, replayingHeaders } from './http/header-replay.js';
import { bodyParseErrors, jsonBody } from './http/json-body.js';
import { problemErrors } from './http/problem-errors.js';
import { writeQueuedHeaders } from './http/queued-headers.js';
import { requestLogging } from './http/request-logging.js';
import { callerRateLimit } from './identity/caller-rate-limit.js';
import { createAuthenticator } from './identity/create-authenticator.js';
import { withLocalDevUser } from './identity/local-dev-user.js';
import { requestMetrics } from './metrics/request-metrics.js';
import type { ServiceMetrics } from './metrics/service-metrics.js';
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
  /**
   * Where rate-limit counters live: memory when absent. With RATE_LIMIT_REDIS_URL the caller
   * (server.ts) connects the Redis store, passes it here and closes it on shutdown.
   */
  rateLimitStore?: Store;
  /** Counts requests and rate-limit refusals when the service serves metrics (METRICS_PORT). */
  metrics?: ServiceMetrics;
}

/** Builds the Express app; the middleware order below is the request's path through it. */
export async function createApp(deps: AppDependencies): Promise<Express> {
  const { config, storage, contract, logger } = deps;
  const services = createServices(storage, config, contract, deps.now);
  const handlers = createHandlers(services);
  const verified = createAuthenticator(config.auth);
  const authenticator = config.localDevUser ? withLocalDevUser(verified) : verified;
  const contractRouter = await createContractRouter({
    contract,
    handlers: deps.overrideHandlers ? deps.overrideHandlers(handlers) : handlers,
    logger,
    authenticator,
  });
  if (config.rateLimitRedisUrl && !deps.rateLimitStore) {
    throw new Error('RATE_LIMIT_REDIS_URL is set but no Redis store was passed to createApp (server.ts connects it)');
  }
  const rateLimitStore = deps.rateLimitStore;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  writeQueuedHeaders(app.response);

  if (deps.metrics) app.use(requestMetrics(deps.metrics));
  app.use(requestLogging(logger));
  // helmet's headers are the same on every response: worked out once, queued on each.
  app.use(replayingHeaders(capturedHeaders(securityHeaders(config.corsOrigins.length > 0))));
  if (config.corsOrigins.length > 0) app.use(corsFor(config.corsOrigins, requestSurface(contract.document)));
  if (config.rateLimitPerMinute > 0) {
    app.use(callerRateLimit({ perMinute: config.rateLimitPerMinute, authenticator, store: rateLimitStore, onLimited: deps.metrics?.rateLimited }));
  }
  app.get('/docs', docsSecurityPolicy(), docsPage(config.docsHtml));
  app.use(jsonBody(config.bodyLimitBytes));
  app.use(bodyParseErrors(config.bodyLimitBytes));
  app.use(contractRouter);
  app.use(problemErrors(logger));
  return app;
}

/** helmet's headers; the API answers JSON only, so its CSP allows nothing to load or frame it. */
function securityHeaders(crossOrigin: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    // Widgets on the allowed origins read these responses, so they may not be same-origin only.
    crossOriginResourcePolicy: { policy: crossOrigin ? 'cross-origin' : 'same-origin' },
  });
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
