// Builds the SDK package (`make sdk`): compiles clients/typescript, puts the contract's
// generated types inside it, and writes the npm tarball.
//   npx tsx scripts/sdk/build-sdk.ts [--output-dir dist/sdk]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { SDK_DIR, sdkManifestProblems } from './sdk-package.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** Where `make sdk` writes the tarball. */
export const SDK_TARBALL_DIR = join(ROOT, 'dist', 'sdk');

/**
 * Packs the SDK into `outputDir` and returns the tarball's path. The package is staged in a
 * temporary directory: compiled JavaScript and declarations, with `openapi.d.ts` replaced by
 * generated/openapi.d.ts itself, so the published types need nothing outside the package.
 */
export function buildSdkTarball(outputDir = SDK_TARBALL_DIR): string {
  const problems = sdkManifestProblems();
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const stage = mkdtempSync(join(tmpdir(), 'tutorial-api-sdk-'));
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(SDK_DIR, 'tsconfig.json'), '--outDir', join(stage, 'dist')], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    copyFileSync(join(ROOT, 'generated', 'openapi.d.ts'), join(stage, 'dist', 'openapi.d.ts'));
    // Only types live in openapi.ts; nothing imports its empty JavaScript module.
    rmSync(join(stage, 'dist', 'openapi.js'));
    for (const file of ['package.json', 'README.md']) copyFileSync(join(SDK_DIR, file), join(stage, file));
    mkdirSync(outputDir, { recursive: true });
    const packed = JSON.parse(
      execFileSync('npm', ['pack', stage, '--pack-destination', outputDir, '--json', '--silent'], { cwd: ROOT, encoding: 'utf8' }),
    ) as { filename: string }[];
    return join(outputDir, packed[0]!.filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'output-dir': { type: 'string', default: SDK_TARBALL_DIR } } });
  try {
    console.log(`sdk: wrote ${buildSdkTarball(resolve(values['output-dir']))}`);
  } catch (error) {
    console.error(`sdk: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
