// Writes generated/openapi.d.ts from openapi.yaml, or with --check fails when the committed file
// differs from what the current contract produces (the drift check run by `make test`).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../', import.meta.url);
const specUrl = new URL('openapi.yaml', root);
const outUrl = new URL('generated/openapi.d.ts', root);
const header = '// Generated from openapi.yaml by `make generate` (openapi-typescript). Do not edit by hand.\n';

const ast = await openapiTS(specUrl, { alphabetize: false, exportType: false });
const produced = header + astToString(ast);

if (process.argv.includes('--check')) {
  const committed = await readFile(outUrl, 'utf8').catch(() => '');
  if (committed !== produced) {
    console.error(
      `drift: ${fileURLToPath(outUrl)} does not match openapi.yaml. Run \`make generate\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log('generated/openapi.d.ts matches openapi.yaml');
} else {
  await mkdir(new URL('generated/', root), { recursive: true });
  await writeFile(outUrl, produced);
  console.log(`wrote ${fileURLToPath(outUrl)}`);
}
