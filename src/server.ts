import type { Server } from 'node:http';

import { createApp } from './app.js';
import { ConfigError, loadConfig, storageOptions } from './config.js';
import { loadCompiledContract } from './contract/compiled-contract.js';
import { StorageUnavailableError } from './data/engine/storage-unavailable-error.js';
import { openMigratedStorage } from './data/migrations.js';
import { createAppServer } from './http/app-server.js';
import { answerClientErrors } from './http/client-errors.js';
import { trackRequestsInFlight } from './http/graceful-shutdown.js';
import { apiSecurityHeaders } from './http/security-headers.js';
import { LOCAL_DEV_SCOPES, LOCAL_DEV_USER } from './identity/local-dev-user.js';
import { createLogger } from './logger.js';

/** How long closing the database and Redis may take once requests are drained. */
const CLOSE_TIMEOUT_MS = 2_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const closed = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Entry point: config -> storage -> app -> listen, with a graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Compiled by `npm run build`; a missing or stale build stops start-up here, saying so.
  const contract = await loadCompiledContract();
  if (config.localDevUser) {
    logger.warn(
      `AUTH_LOCAL_DEV_USER=1: requests without credentials act as ${LOCAL_DEV_USER.username} with ${LOCAL_DEV_SCOPES.join(' ')} (local development only)`,
    );
  }
  // Loaded only when METRICS_PORT is set, like the Redis client below.
  const metrics = config.metricsPort === undefined ? undefined : (await import('./metrics/service-metrics.js')).createServiceMetrics();
  const storage = openMigratedStorage(config.databaseUrl, { ...storageOptions(config), onConnectionAcquired: metrics?.connectionAcquired });
  metrics?.watchPool(() => storage.poolStatus());
  try {
    await storage.ping();
  } catch (error) {
    // A database that is out is not a reason to stay down: /health answers, /ready and the
    // data operations answer 503 until it is back, and the migrations run then.
    if (!(error instanceof StorageUnavailableError)) throw error;
    logger.warn({ err: error.cause }, `database not ready at start-up (${error.message}); serving 503 until it answers`);
  }
  // Loaded only when configured: the Redis client is a sizeable import most deployments skip.
  const redis = config.rateLimitRedisUrl
    ? await (
        await import('./http/redis-rate-limit-store.js')
      ).connectRedisRateLimitStore(
        config.rateLimitRedisUrl,
        logger,
        undefined,
        metrics?.rateLimitFailedOpen,
        config.rateLimitRedisTimeoutMs,
      )
    : undefined;
  let stopping = false;
  const app = createApp({ config, storage, contract, logger, rateLimitStore: redis?.store, metrics, isStopping: () => stopping });
  const server: Server = createAppServer(app, config);
  answerClientErrors(server, logger, apiSecurityHeaders(config.corsOrigins.length > 0));
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ host: config.host, port }, `serving on http://${config.host}:${port} (docs at /docs)`);
  });
  const requests = trackRequestsInFlight(server);
  const metricsServer =
    metrics && (await import('./metrics/metrics-server.js')).listenForScrapes(metrics.registry, config.host, config.metricsPort!, logger);
  server.on('error', (error) => {
    console.error(`cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });

  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    stopping = true;
    // SIGTERM is what an orchestrator or a rolling restart sends: for SHUTDOWN_DRAIN_MS /ready
    // answers 503 and every request is still answered, with `Connection: close`, so the load
    // balancer takes this process out before it stops listening. Ctrl-C (SIGINT) skips it.
    if (signal === 'SIGTERM' && config.shutdownDrainMs > 0) {
      requests.stopKeepingAlive();
      logger.info(
        { signal, drainMs: config.shutdownDrainMs },
        'draining: /ready answers 503, requests are still served with Connection: close',
      );
      await delay(config.shutdownDrainMs);
    }
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: accepting no new connections, finishing requests in flight');
    const { cutOff } = await requests.drain(config.shutdownGraceMs);
    if (cutOff > 0) logger.error({ cutOff }, `grace period over: cut off ${cutOff} request(s) still in flight`);
    // A cut-off request may still hold a database connection, whose close would wait for it;
    // exiting drops it and the database rolls its transaction back, so nothing half-written stays.
    metricsServer?.closeAllConnections();
    await Promise.race([
      Promise.allSettled([storage.destroy(), redis?.close(), metricsServer && closed(metricsServer)]),
      delay(CLOSE_TIMEOUT_MS),
    ]);
    logger.info({ cutOff }, 'stopped');
    // Non-zero only when requests were cut off, so a supervisor's log shows the loss.
    process.exit(cutOff > 0 ? 1 : 0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // One line naming the problem; configuration errors name the variable.
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`startup failed: ${message}`);
  process.exit(1);
});
