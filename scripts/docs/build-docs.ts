// Builds the self-contained documentation page served at /docs:
//   npx tsx scripts/docs/build-docs.ts [--output dist/docs/index.html]
// The page documents openapi.yaml with code samples derived from it (x-codeSamples: curl and the
// SDK call for every operation, scripts/docs/code-samples.ts), added to a copy the build owns.
// Redocly's build-docs inlines the Redoc bundle (--inlineBundle); this step then replaces the
// CDN URLs the bundle still holds (Redocly's attribution logo, icon-set bases) with empty
// data URLs, adds a Content-Security-Policy that forbids loading from any other origin, and
// fails when anything in the page would still be fetched from the internet.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { parse } from 'yaml';

import { withCodeSamples } from './code-samples.js';
import { findExternalLoads } from './external-loads.js';

const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { output: { type: 'string', default: 'dist/docs/index.html' } } });
const output = resolve(root, values.output);

/**
 * The page may load only from itself (inline code, data: and blob: URLs) and its own origin.
 * 'unsafe-eval' is for Redoc's search index, which builds its worker with `Function()`.
 */
const DOCS_CSP = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; object-src 'none'; base-uri 'none'";

/**
 * Redoc always renders an "API docs by <Redocly logo>" link in the sidebar; with the logo's CDN
 * URL emptied it was a badge saying only "API docs by". Nothing in Redoc's options turns it off,
 * so the page hides the box that holds that link (the browser test checks it is gone).
 */
const HIDE_ATTRIBUTION = '<style>:has(> a[href="https://redocly.com/redoc/"]) { display: none !important; }</style>';

mkdirSync(dirname(output), { recursive: true });
const staged = mkdtempSync(join(tmpdir(), 'tutorial-api-docs-'));
try {
  const contract = withCodeSamples(parse(readFileSync(resolve(root, 'openapi.yaml'), 'utf8')) as Record<string, unknown>);
  writeFileSync(join(staged, 'openapi.json'), JSON.stringify(contract));
  execFileSync(
    resolve(root, 'node_modules/.bin/redocly'),
    ['build-docs', join(staged, 'openapi.json'), '--config', 'redocly.yaml', '--inlineBundle', '--output', output],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
} finally {
  rmSync(staged, { recursive: true, force: true });
}

const built = readFileSync(output, 'utf8')
  .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/[\w.-]+\.svg/g, 'data:,')
  // Icon-set base URLs (font-awesome, code icons) for icons this contract never names.
  .replace(/https:\/\/cdn\.redocly\.com\/icons\/[\w./-]+/g, 'data:,')
  .replace(/<head>/i, `<head>\n  <meta http-equiv="Content-Security-Policy" content="${DOCS_CSP}">\n  ${HIDE_ATTRIBUTION}`);
writeFileSync(output, built);

const external = findExternalLoads(built);
if (external.length > 0) {
  for (const load of external) console.error(`${values.output}:${load.line}: ${load.kind} loads ${load.url}`);
  console.error(`docs: the page would fetch ${external.length} resource(s) from the internet; refusing to publish it`);
  process.exit(1);
}
console.log(`docs: wrote ${values.output} (${Math.round(built.length / 1024)} KiB, self-contained)`);
