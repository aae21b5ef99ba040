import { Writable } from 'node:stream';
import type { Express } from 'express';
import request from 'supertest';
import { createApp, type AppDependencies } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadContractDocument } from '../../src/contract/contract-document.js';
import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import { createLogger } from '../../src/logger.js';

/** A supertest agent bound to one app. */
export type TestAgent = ReturnType<typeof request.agent>;

/** The contract, loaded once for all tests. */
export const contract = loadContractDocument();

/** Log lines a test app wrote, parsed. */
export interface CapturedLogs {
  lines: Record<string, unknown>[];
  text(): string;
}

/** Builds the real app over `storage`, with logs captured in memory. */
export async function buildTestApp(
  storage: StorageEngine,
  options: Partial<Omit<AppDependencies, 'storage' | 'logger'>> & { env?: Record<string, string> } = {},
): Promise<{ app: Express; api: TestAgent; logs: CapturedLogs }> {
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
  const config = options.config ?? loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...options.env });
  const app = await createApp({ contract, ...options, config, storage, logger: createLogger(config.logLevel, sink) });
  // Every request a test sends through `api` carries the default caller's credentials (once
  // authentication exists); tests of unauthenticated behaviour use `request(app)` directly.
  const api = request.agent(app);
  return { app, api, logs };
}
