import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { compiledContractPath } from '../../src/contract/compiled-contract.js';
import { findContractPath } from '../../src/contract/contract-path.js';
import { SERVER_BUNDLE_FILE } from '../../src/startup/bundle-loader.js';
import { codeCachePath, type CodeCacheWritten, WRITE_CODE_CACHE_ENV, WRITE_CODE_CACHE_MESSAGE } from '../../src/startup/code-cache.js';
import { SERVER_ENTRY } from './bundle-server.js';
import { productionNodeFlags } from './node-flags.js';

/** How long the whole run may take before the build fails. */
const TIMEOUT_MS = 30_000;

/**
 * `npm run build`, last step: starts the built server once as production starts it (its node
 * flags, NODE_ENV=production; an in-memory database), sends it the requests a start-up answers
 * first, and has it write the V8 code caches (src/startup/code-cache.ts) of the two files it
 * runs: the bundle, and the compiled contract beside openapi.yaml. V8 accepts a cache only under
 * the flags it was made with, hence production's. Returns the caches' paths.
 */
export async function writeCodeCache(entry = SERVER_ENTRY): Promise<string[]> {
  const cachePaths = [join(dirname(entry), SERVER_BUNDLE_FILE), compiledContractPath(findContractPath(dirname(entry)))].map(codeCachePath);
  for (const cachePath of cachePaths) rmSync(cachePath, { force: true });
  const child = spawn(process.execPath, [...productionNodeFlags(), entry], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: ':memory:',
      LOG_LEVEL: 'info',
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      [WRITE_CODE_CACHE_ENV]: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  try {
    const port = await listeningPort(child.stdout!);
    for (const path of ['/health', '/ready', '/customers']) await fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.arrayBuffer());
    await new Promise<void>((resolve, reject) => {
      const waiting = new Set(cachePaths);
      child.on('message', (message) => {
        waiting.delete((message as Partial<CodeCacheWritten>).codeCacheWritten ?? '');
        if (waiting.size === 0) resolve();
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`the server exited (${code ?? signal}) before writing the code caches of ${[...waiting].join(', ')}`)),
      );
      child.send(WRITE_CODE_CACHE_MESSAGE);
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  } finally {
    clearTimeout(timer);
    child.kill('SIGKILL');
  }
  for (const cachePath of cachePaths) if (!existsSync(cachePath)) throw new Error(`${cachePath} was not written`);
  return cachePaths;
}

/** The port of the server's "serving on" log line (JSON, with `port`). */
async function listeningPort(stdout: NodeJS.ReadableStream): Promise<number> {
  for await (const line of createInterface({ input: stdout })) {
    try {
      const entry = JSON.parse(line) as { port?: unknown };
      if (typeof entry.port === 'number') return entry.port;
    } catch {
      // Not a log line of ours.
    }
  }
  throw new Error('the server exited before listening');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeCodeCache(process.argv[2])
    .then((paths) => console.log(`wrote the server's code caches, ${paths.join(' and ')}`))
    .catch((error: unknown) => {
      console.error(`writing the server's code cache failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
