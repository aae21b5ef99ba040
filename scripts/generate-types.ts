// Writes generated/openapi.d.ts from openapi.yaml and sets the SDK package's version to
// info.version, or with --check fails when either committed file differs from what the current
// contract produces (the drift check run by `make test`).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import openapiTS, { astToString } from 'openapi-typescript';

import { manifestWithContractVersion, syncSdkVersion } from './sdk/sdk-package.js';

const root = new URL('../', import.meta.url);
const specUrl = new URL('openapi.yaml', root);
const outUrl = new URL('generated/openapi.d.ts', root);
const header = '// Generated from openapi.yaml by `make generate` (openapi-typescript). Do not edit by hand.\n';

const ast = await openapiTS(specUrl, { alphabetize: false, exportType: false });
const produced = header + astToString(ast);

if (process.argv.includes('--check')) {
  const committed = await readFile(outUrl, 'utf8').catch(() => '');
  const sdk = manifestWithContractVersion();
  const drifted = [
    ...(committed !== produced ? [fileURLToPath(outUrl)] : []),
    ...(sdk.current !== sdk.produced ? ['clients/typescript/package.json (version)'] : []),
  ];
  if (drifted.length > 0) {
    console.error(`drift: ${drifted.join(', ')}: not what openapi.yaml produces. Run \`make generate\` and commit the result.`);
    process.exit(1);
  }
  console.log('generated/openapi.d.ts and the SDK version match openapi.yaml');
} else {
  await mkdir(new URL('generated/', root), { recursive: true });
  await writeFile(outUrl, produced);
  console.log(`wrote ${fileURLToPath(outUrl)}`);
  if (syncSdkVersion()) console.log('set clients/typescript/package.json version to info.version');
}
