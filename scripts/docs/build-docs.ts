// Builds the self-contained documentation page served at /docs:
//   npx tsx scripts/docs/build-docs.ts [--output dist/docs/index.html]
// Redocly's build-docs inlines the Redoc bundle (--inlineBundle); this step then replaces the
// CDN URLs the bundle still holds (Redocly's attribution logo, icon-set bases) with empty
// data URLs, adds a Content-Security-Policy that forbids loading from any other origin, and
// fails when anything in the page would still be fetched from the internet.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findExternalLoads } from './external-loads.js';

const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { output: { type: 'string', default: 'dist/docs/index.html' } } });
const output = resolve(root, values.output);

/**
 * The page may load only from itself (inline code, data: and blob: URLs) and its own origin.
 * 'unsafe-eval' is for Redoc's search index, which builds its worker with `Function()`.
 */
const DOCS_CSP = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; object-src 'none'; base-uri 'none'";

mkdirSync(dirname(output), { recursive: true });
execFileSync(
  resolve(root, 'node_modules/.bin/redocly'),
  ['build-docs', 'openapi.yaml', '--config', 'redocly.yaml', '--inlineBundle', '--output', output],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);

const built = readFileSync(output, 'utf8')
  .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/[\w.-]+\.svg/g, 'data:,')
  // Icon-set base URLs (font-awesome, code icons) for icons this contract never names.
  .replace(/https:\/\/cdn\.redocly\.com\/icons\/[\w./-]+/g, 'data:,')
  .replace(/<head>/i, `<head>\n  <meta http-equiv="Content-Security-Policy" content="${DOCS_CSP}">`);
writeFileSync(output, built);

const external = findExternalLoads(built);
if (external.length > 0) {
  for (const load of external) console.error(`${values.output}:${load.line}: ${load.kind} loads ${load.url}`);
  console.error(`docs: the page would fetch ${external.length} resource(s) from the internet; refusing to publish it`);
  process.exit(1);
}
console.log(`docs: wrote ${values.output} (${Math.round(built.length / 1024)} KiB, self-contained)`);
