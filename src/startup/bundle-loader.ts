import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** The server bundle's file name, beside the entry (`dist/server.cjs`) that runs it through `runBundle`. */
export const SERVER_BUNDLE_FILE = 'server-bundle.cjs';

/** Where the compiled code of `bundlePath` is kept between starts. */
export function codeCachePath(bundlePath: string): string {
  return `${bundlePath}.v8-cache`;
}

/** The environment variable that asks a started bundle to write its code cache when told to. */
export const WRITE_CODE_CACHE_ENV = 'SERVER_WRITE_CODE_CACHE';

/** The IPC message that tells it to write the cache now. */
export const WRITE_CODE_CACHE_MESSAGE = 'write-code-cache';

/**
 * Runs the CommonJS bundle at `bundlePath` as Node would (the same module wrapper, a `require`
 * resolving from its location), through a `vm.Script` given the V8 code cache written beside it
 * by `npm run build` (scripts/build/code-cache.ts).
 *
 * Why: compiling the 2 MB bundle, and each of the functions start-up runs as it first runs them,
 * is a tenth of the cold start. The cache holds them compiled. Node 22's
 * `module.enableCompileCache()` does this for every module; Node 20 has only V8's public cache
 * API, `cachedData` / `createCachedData()`.
 *
 * V8 checks a cache against the source, its own version and its flags, and rejects one that
 * does not match; the bundle then compiles as it would without one. So a stale or foreign
 * cache costs time, never correctness.
 *
 * Returns whether V8 took the cache (undefined when there was none).
 */
export function runBundle(bundlePath: string): { cacheAccepted: boolean | undefined } {
  const { script, cacheAccepted } = compileBundle(bundlePath);
  const cachePath = codeCachePath(bundlePath);
  if (process.env[WRITE_CODE_CACHE_ENV] === '1' && process.send) {
    // After start-up has run, so the cache also holds the functions it compiled on the way.
    process.on('message', (message) => {
      if (message !== WRITE_CODE_CACHE_MESSAGE) return;
      const written = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(written, script.createCachedData());
      renameSync(written, cachePath);
      process.send!(WRITE_CODE_CACHE_MESSAGE);
    });
  }
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { cacheAccepted };
}

/** Compiles the bundle in Node's module wrapper, with its code cache when there is one; whether V8 took the cache (undefined: none). */
export function compileBundle(bundlePath: string): { script: Script; cacheAccepted: boolean | undefined } {
  const cachePath = codeCachePath(bundlePath);
  const cachedData = existsSync(cachePath) ? readFileSync(cachePath) : undefined;
  // The wrapper is on the source's first line, so line numbers in stack traces stay the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundlePath, 'utf8')}\n})`, {
    filename: bundlePath,
    cachedData,
  });
  return { script, cacheAccepted: cachedData === undefined ? undefined : !script.cachedDataRejected };
}
