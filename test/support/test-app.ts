import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp, type AppDependencies } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadCompiledContract } from '../../src/contract/compiled-contract.js';
import { createAppServer } from '../../src/http/app-server.js';
import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { declaredScopes } from '../../src/identity/scopes.js';
import { mintHs256Token, type MintedClaims } from '../../src/identity/token-minter.js';
import { createLogger } from '../../src/logger.js';

/** A supertest agent bound to one app. */
export type TestAgent = ReturnType<typeof request.agent>;

/** The contract as compiled by the test run's global set-up (what `npm run build` compiles), loaded once. */
export const contract = await loadCompiledContract();

/** The HS256 secret every test app verifies tokens with unless a test configures another key. */
export const TEST_JWT_SECRET = 'test-only-hs256-secret-0123456789abcdefghijklmnop';

/** The caller `api` authenticates as. */
export const TEST_USER = Object.freeze({ id: '5b0f8a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b', username: 'test-user', email: 'test-user@example.com' });

/** Every scope the contract's operations ask for; `api`'s token carries them all. */
export const ALL_SCOPES: readonly string[] = declaredScopes(contract.document);

/** Claims of a test token (defaults: TEST_USER with ALL_SCOPES, valid for an hour), and the secret to sign it with. */
export type TestTokenOptions = Partial<MintedClaims> & { secret?: string };

/** Mints an HS256 bearer token that test apps accept (unless `secret` says otherwise). */
export function mintTestToken(options: TestTokenOptions = {}): Promise<string> {
  const { secret = TEST_JWT_SECRET, ...claims } = options;
  return mintHs256Token(new TextEncoder().encode(secret), {
    sub: TEST_USER.id,
    username: TEST_USER.username,
    email: TEST_USER.email,
    scopes: ALL_SCOPES,
    ...claims,
  });
}

/** Log lines a test app wrote, parsed. */
export interface CapturedLogs {
  lines: Record<string, unknown>[];
  text(): string;
}

/**
 * Builds the real app over `storage`, with logs captured in memory, and serves it the way
 * production does (`createAppServer`) on a free port of 127.0.0.1. `app` is that server, for
 * supertest; it does not keep the test process alive.
 */
export async function buildTestApp(
  storage: StorageEngine,
  options: Partial<Omit<AppDependencies, 'storage' | 'logger'>> & { env?: Record<string, string> } = {},
): Promise<{ app: Server; api: TestAgent; logs: CapturedLogs }> {
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
    options.config ??
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      // High enough never to trip a suite, low enough that the limiter still runs on every request.
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...options.env,
    });
  const app = createAppServer(createApp({ contract, ...options, config, storage, logger: createLogger(config.logLevel, sink) }));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  app.unref();
  // Every request a test sends through `api` carries TEST_USER's credentials with every scope;
  // tests of unauthenticated behaviour use `request(app)` directly.
  const api = request.agent(app).set('Authorization', `Bearer ${await mintTestToken()}`);
  return { app, api, logs };
}
