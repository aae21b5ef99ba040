import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

import { SERVER_BUNDLE_FILE } from '../../src/startup/bundle-loader.js';
import { codeCachePath } from '../../src/startup/code-cache.js';
import { STARTUP_OUTPUT } from './startup-output.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What production starts (`npm start`, `make run`, `make bench`): src/server-entry.ts, which runs the bundle beside it. */
export const SERVER_ENTRY = join(ROOT, 'dist', 'server.cjs');

/**
 * Packages the server needs only when configured (Redis for the shared rate limit, prom-client
 * for METRICS_PORT): they stay in node_modules and are required then, so a start without them
 * does not read and compile their 1.2 MB. pg's optional pg-native is a native addon, which cannot
 * be bundled. better-sqlite3's JavaScript is bundled (its ten files took 8-12 ms to load at every
 * start); its compiled addon stays in node_modules and is handed to it by path
 * (src/data/engine/sqlite-engine.ts).
 */
const LOADED_FROM_NODE_MODULES = ['pg-native', 'redis', '@redis/*', 'rate-limit-redis', 'prom-client', '@opentelemetry/api'];

/**
 * Bundles `src/server.ts` and its dependencies into one CommonJS file (`server-bundle.cjs`)
 * and writes beside it the entry that runs it with its V8 code cache (`entryFile`, from
 * src/server-entry.ts; the cache itself is written by scripts/build/code-cache.ts) and
 * `server.mjs`, which starts the same entry (the name the server had before).
 *
 * Why one file: Node resolves, reads and links each of the ~900 modules of the unbundled build
 * one by one at start-up (kysely alone is 227 ms of small ESM files).
 *
 * Why CommonJS rather than an ES module: Node reads a CommonJS file with one native UTF-8 read
 * and compiles it as a function, where its ES module loader decodes the source with a
 * TextDecoder and adds its own resolution and linking; with the compiled contract also
 * CommonJS, no ES module loader runs at start-up at all. In 15 alternating starts each, from
 * spawn to the first 200 on /health, the ES module bundle took 390 ms (median; 368 at best) and
 * this one 356 ms (327), on a machine where `node` with an empty script takes 110-140 ms.
 */
export async function bundleServer(entryFile = SERVER_ENTRY): Promise<void> {
  const outdir = dirname(entryFile);
  // The previous bundle's cache: V8 would refuse it, after reading it at every start.
  rmSync(codeCachePath(join(outdir, SERVER_BUNDLE_FILE)), { force: true });
  const result = await build({
    entryPoints: {
      [basename(SERVER_BUNDLE_FILE, '.cjs')]: join(ROOT, 'src', 'server.ts'),
      [basename(entryFile, '.cjs')]: join(ROOT, 'src', 'server-entry.ts'),
    },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: LOADED_FROM_NODE_MODULES,
    // The sources find openapi.yaml and node_modules from their own location (import.meta.url),
    // which a CommonJS file knows as __filename.
    define: { 'import.meta.url': '__bundleFileUrl' },
    banner: { js: "var __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
    ...STARTUP_OUTPUT,
    logLevel: 'warning',
    metafile: true,
  });
  // runBundle compiles the bundle as a vm.Script, which has no loader for import(): refuse one here rather than at run time.
  const dynamic = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.kind === 'dynamic-import'));
  if (dynamic.length > 0)
    throw new Error(`the server bundle would import() ${dynamic.map((i) => i.path).join(', ')} at run time; require it instead`);
  writeFileSync(
    join(outdir, `${basename(entryFile, '.cjs')}.mjs`),
    [
      `// Starts ./${basename(entryFile)}, the server (scripts/build/bundle-server.ts), for \`node dist/server.mjs\`.`,
      '// Required rather than imported: importing a CommonJS file makes Node scan all of it for its exports.',
      "import { createRequire } from 'node:module';",
      `createRequire(import.meta.url)('./${basename(entryFile)}');`,
      '',
    ].join('\n'),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  bundleServer(process.argv[2]).catch((error: unknown) => {
    console.error(`bundling the server failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
