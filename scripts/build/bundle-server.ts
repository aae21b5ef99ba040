import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `make build` writes the production server. */
export const SERVER_BUNDLE = join(ROOT, 'dist', 'server.mjs');

/**
 * Bundles `src/server.ts` and its dependencies into one ES module, which is what production
 * (`npm start`, `make run`, `make bench`) runs. Why: Node resolves, reads and links each of the
 * ~900 modules of the unbundled build one by one at start-up (kysely alone is 227 ms of small
 * ESM files); one file cut the cold start by about a third. Native addons (better-sqlite3,
 * pg's optional pg-native) stay outside and load from node_modules as before. The bundle finds
 * openapi.yaml by walking up from its own location, as the unbundled build does.
 */
export async function bundleServer(outfile = SERVER_BUNDLE): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'src', 'server.ts')],
    outfile,
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
