import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `make build` writes the production server. */
export const SERVER_BUNDLE = join(ROOT, 'dist', 'server.mjs');

/**
 * Bundles `src/server.ts` and its dependencies into one ES module (plus, under `chunks/`
 * beside it, what is loaded only when configured), which is what production (`npm start`,
 * `make run`, `make bench`) runs. Why: Node resolves, reads and links each of the ~900 modules
 * of the unbundled build one by one at start-up (kysely alone is 227 ms of small ESM files);
 * one file cut the cold start by about a third. Native addons (better-sqlite3, pg's optional
 * pg-native) stay outside and load from node_modules as before. The bundle finds openapi.yaml
 * by walking up from its own location, as the unbundled build does.
 */
export async function bundleServer(outfile = SERVER_BUNDLE): Promise<void> {
  await build({
    entryPoints: { [basename(outfile, '.mjs')]: join(ROOT, 'src', 'server.ts') },
    outdir: dirname(outfile),
    outExtension: { '.js': '.mjs' },
    // What is imported only when configured (the Redis client, 0.99 of 3.2 MB) goes to a chunk of
    // its own, loaded then, instead of being compiled at every start: the server's CPU time to
    // its first 200 went from 320 to 270 ms and from 280 to 250 ms in two alternating series of
    // 11 starts (under a load average of 9 from other builds).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pg-native'],
    // CommonJS dependencies call require() for Node's built-ins; an ES module has none of its own.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  bundleServer(process.argv[2]).catch((error: unknown) => {
    console.error(`bundling the server failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
