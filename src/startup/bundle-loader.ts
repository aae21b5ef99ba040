import { runCommonJs } from './code-cache.js';

/** The server bundle's file name, beside the entry (`dist/server.cjs`) that runs it through `runBundle`. */
export const SERVER_BUNDLE_FILE = 'server-bundle.cjs';

/**
 * Runs the CommonJS server bundle at `bundlePath` with the V8 code cache `npm run build` wrote
 * beside it (scripts/build/code-cache.ts; see `runCommonJs`). Returns whether V8 took the cache
 * (undefined when there was none).
 */
export function runBundle(bundlePath: string): { cacheAccepted: boolean | undefined } {
  return { cacheAccepted: runCommonJs(bundlePath).cacheAccepted };
}
