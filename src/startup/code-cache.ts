import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** Where the compiled code of `sourcePath` is kept between starts. */
export function codeCachePath(sourcePath: string): string {
  return `${sourcePath}.v8-cache`;
}

/** The environment variable that asks a started server to write its code caches when told to. */
export const WRITE_CODE_CACHE_ENV = 'SERVER_WRITE_CODE_CACHE';

/** The IPC message that tells it to write them now. */
export const WRITE_CODE_CACHE_MESSAGE = 'write-code-cache';

/** Its answer, once for each file whose cache it wrote. */
export interface CodeCacheWritten {
  readonly codeCacheWritten: string;
}

/** Bytes of the digest of the source and its path written ahead of V8's data in a cache file. */
const DIGEST_BYTES = 32;

/**
 * Runs the CommonJS file at `path` as Node's `require` would (its module wrapper, a `require`
 * resolving from its folder, a fresh `module`), through a `vm.Script` given the V8 code cache
 * beside it when there is one, and returns its exports.
 *
 * Why: compiling a large file, and each function start-up runs as it first runs it, is a tenth
 * of the cold start; the cache holds them compiled. Node 22's `module.enableCompileCache()` does
 * this for every module; Node 20 has only V8's public API, `cachedData` / `createCachedData()`.
 *
 * V8 checks a cache only against the source's length, its own version and its flags: it runs
 * the cached code of another source of the same length, and its stack traces name the file the
 * cache was made from. So the cache file starts with the SHA-256 of the path and the source it
 * was made from, and a cache for other bytes or another place is not handed to V8. A stale,
 * moved or foreign cache costs time, never correctness.
 *
 * With SERVER_WRITE_CODE_CACHE=1 in a process started with an IPC channel, it also writes the
 * file's cache when asked (scripts/build/code-cache.ts, after a training run).
 */
export function runCommonJs(path: string): { exports: unknown; cacheAccepted: boolean | undefined } {
  const { script, cacheAccepted, sourceDigest } = compileCommonJs(path);
  if (process.env[WRITE_CODE_CACHE_ENV] === '1' && process.send) writeCacheWhenAsked(script, sourceDigest, codeCachePath(path));
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(path), module, path, dirname(path));
  return { exports: module.exports, cacheAccepted };
}

/**
 * Compiles `path` in Node's module wrapper, with its code cache when there is one for these
 * bytes at this path; whether V8 took the cache (undefined: there was none). `sourceDigest` is
 * what a cache of it must start with.
 */
export function compileCommonJs(path: string): { script: Script; cacheAccepted: boolean | undefined; sourceDigest: Buffer } {
  const { wrapped, fileBytes } = readWrapped(path);
  const sourceDigest = createHash('sha256').update(path).update('\0').update(fileBytes).digest();
  const cachedData = cacheFor(codeCachePath(path), sourceDigest);
  // ASCII as Latin-1 becomes V8's one-byte string without a UTF-8 decode.
  const script = new Script(wrapped.toString(isAscii(fileBytes) ? 'latin1' : 'utf8'), {
    filename: path,
    cachedData: cachedData ?? undefined,
  });
  const cacheAccepted = cachedData === undefined ? undefined : cachedData !== null && !script.cachedDataRejected;
  return { script, cacheAccepted, sourceDigest };
}

// The wrapper is on the source's first line, so line numbers in stack traces stay the file's.
const WRAPPER_HEAD = Buffer.from('(function (exports, require, module, __filename, __dirname) {', 'latin1');
const WRAPPER_TAIL = Buffer.from('\n})', 'latin1');

/**
 * The file at `path` read into a buffer that already holds Node's module wrapper around it, and
 * the file's own bytes within it. Why: wrapping the decoded source with `+` makes a V8 cons
 * string, which V8 copies flat again before it compiles (3 MB for the bundle and the contract,
 * 730 fresh pages at every start); decoding the wrapped bytes makes the flat string at once.
 */
function readWrapped(path: string): { wrapped: Buffer; fileBytes: Buffer } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const wrapped = Buffer.allocUnsafe(WRAPPER_HEAD.length + size + WRAPPER_TAIL.length);
    WRAPPER_HEAD.copy(wrapped, 0);
    let read = 0;
    while (read < size) {
      const count = readSync(fd, wrapped, WRAPPER_HEAD.length + read, size - read, null);
      if (count === 0) throw new Error(`${path} became shorter while it was read; run \`npm run build\` again`);
      read += count;
    }
    WRAPPER_TAIL.copy(wrapped, WRAPPER_HEAD.length + size);
    return { wrapped, fileBytes: wrapped.subarray(WRAPPER_HEAD.length, WRAPPER_HEAD.length + size) };
  } finally {
    closeSync(fd);
  }
}

/** The V8 data of the cache at `cachePath` when it was made from the source with `digest`; null when it was made from another; undefined when there is none. */
function cacheFor(cachePath: string, digest: Buffer): Buffer | null | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cachePath);
  } catch (error) {
    // Read without asking first: a build may delete the file between the question and the read.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return file.length > DIGEST_BYTES && digest.equals(file.subarray(0, DIGEST_BYTES)) ? file.subarray(DIGEST_BYTES) : null;
}

/** Writes the cache of a script compiled by `compileCommonJs` (its source's digest, then V8's data) to `cachePath`, replaced atomically. */
export function writeCodeCacheFile(cachePath: string, script: Script, sourceDigest: Buffer): void {
  const written = `${cachePath}.${process.pid}.tmp`;
  writeFileSync(written, Buffer.concat([sourceDigest, script.createCachedData()]));
  renameSync(written, cachePath);
}

function writeCacheWhenAsked(script: Script, sourceDigest: Buffer, cachePath: string): void {
  // Written when asked, after start-up and the first requests ran, so it holds the functions they compiled.
  process.on('message', (message) => {
    if (message !== WRITE_CODE_CACHE_MESSAGE) return;
    writeCodeCacheFile(cachePath, script, sourceDigest);
    process.send!({ codeCacheWritten: cachePath } satisfies CodeCacheWritten);
  });
}
