import type { Server } from 'node:http';
import { Writable } from 'node:stream';

import request from 'supertest';

import { type AppDependencies, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadCompiledContract } from '../../src/contract/compiled-contract.js';
import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { createAppServer } from '../../src/http/app-server.js';
import { answerClientErrors } from '../../src/http/client-errors.js';
import { apiSecurityHeaders } from '../../src/http/security-headers.js';
import { createLogger } from '../../src/logger.js';
import { createMockApp, type MockAppOptions } from '../../src/mock/mock-app.js';
import type { TestEngine } from './engines.js';
import { mintTestToken, TEST_JWT_SECRET } from './test-token.js';

export { ALL_SCOPES, mintTestToken, TEST_JWT_SECRET, TEST_USER, type TestTokenOptions } from './test-token.js';

/** A supertest agent bound to one app. */
export type TestAgent = ReturnType<typeof request.agent>;

/** The contract as compiled by the test run's global set-up (what `npm run build` compiles), loaded once. */
export const contract = await loadCompiledContract();

/** Log lines a test app wrote, parsed. */
export interface CapturedLogs {
  lines: Record<string, unknown>[];
  text(): string;
}

/** Options of `buildTestApp`: the app's own dependencies (a config, or `env` to load one from), and how it is served. */
export type BuildTestAppOptions = Partial<Omit<AppDependencies, 'storage' | 'logger'>> & {
  /** Variables over the test defaults, when no `config` is given. */
  env?: Record<string, string>;
  /**
   * Serve it as src/server.ts does: the config's client limits (headers and request timeouts,
   * MAX_CONNECTIONS) and Node's own answers (400, 408, 431) as problems with an access-log line.
   * Off by default: Node's defaults then, as the API suites have always been served.
   */
  servedAsProduction?: boolean;
  /** The address to listen on (a free port of it); `::` for a dual-stack listener. */
  listenOn?: string;
};

/**
 * Builds the real app over `storage`, with logs captured in memory, and serves it the way
 * production does (`createAppServer`) on a free port of `listenOn` (127.0.0.1). `app` is that server, for
 * supertest; it does not keep the test process alive.
 */
export async function buildTestApp(
  storage: StorageEngine,
  options: BuildTestAppOptions = {},
): Promise<{ app: Server; api: TestAgent; logs: CapturedLogs }> {
  const { env, servedAsProduction = false, listenOn = '127.0.0.1', ...dependencies } = options;
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      done();
    },
  });
  const logs: CapturedLogs = {
    get lines() {
      return raw.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line));
    },
    text: () => raw.join(''),
  };
  const config =
    dependencies.config ??
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      // High enough never to trip a suite, low enough that the limiter still runs on every request.
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    });
  const logger = createLogger(config.logLevel, sink);
  const express = createApp({ contract, ...dependencies, config, storage, logger });
  const app = servedAsProduction ? createAppServer(express, config) : createAppServer(express);
  if (servedAsProduction) answerClientErrors(app, logger, apiSecurityHeaders(config.corsOrigins.length > 0));
  await new Promise<void>((resolve) => app.listen(0, listenOn, resolve));
  app.unref();
  // Every request a test sends through `api` carries TEST_USER's credentials with every scope;
  // tests of unauthenticated behaviour use `request(app)` directly.
  const api = request.agent(app).set('Authorization', `Bearer ${await mintTestToken()}`);
  return { app, api, logs };
}

/** What `openTestApp` builds: the app over a fresh database of one engine, and how to close both. */
export interface OpenedTestApp {
  app: Server;
  api: TestAgent;
  logs: CapturedLogs;
  storage: StorageEngine;
  /** Closes the database (the server is unref'd and goes with the test process). */
  close: () => Promise<void>;
}

/** Options of `openTestApp`: the app's own (as for `buildTestApp`), the storage's hooks, and the rows to start with. */
export type OpenTestAppOptions = BuildTestAppOptions & {
  storage?: Parameters<TestEngine['open']>[0];
  /** Writes the suite's rows before the app is built. */
  seed?: (storage: StorageEngine) => Promise<unknown>;
};

/**
 * The one set-up of an API suite: a fresh migrated database on `engine`, seeded, and the real app
 * built over it (`buildTestApp`). A suite calls it in `beforeAll` and `close` in `afterAll`.
 */
export async function openTestApp(engine: TestEngine, options: OpenTestAppOptions = {}): Promise<OpenedTestApp> {
  const { storage: storageOptions, seed, ...appOptions } = options;
  const { storage, close } = await engine.open(storageOptions);
  try {
    await seed?.(storage);
    return { ...(await buildTestApp(storage, appOptions)), storage, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The mock app (src/mock/) over the same compiled contract, served as `make mock` serves it
 * (`createAppServer`), logging nothing. It is not listening: supertest starts it per request.
 */
export function buildMockTestApp(options: Partial<Omit<MockAppOptions, 'contract' | 'logger'>> = {}): Server {
  return createAppServer(createMockApp({ contract, logger: createLogger('silent'), ...options }));
}
