// The SDK package's manifest and the two facts it must share with the repository: its version
// is the contract's info.version, and its openapi-fetch is the one the repository tests with.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
/** The SDK package's source directory. */
export const SDK_DIR = join(ROOT, 'clients', 'typescript');
const MANIFEST = join(SDK_DIR, 'package.json');

interface SdkManifest {
  name: string;
  version: string;
  dependencies: Record<string, string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** `info.version` of openapi.yaml. */
export function contractVersion(): string {
  return String((parse(readFileSync(join(ROOT, 'openapi.yaml'), 'utf8')) as { info: { version: unknown } }).info.version);
}

/** The SDK manifest text with its version set to the contract's (what `make generate` writes). */
export function manifestWithContractVersion(): { current: string; produced: string } {
  const current = readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(current) as SdkManifest;
  return { current, produced: `${JSON.stringify({ ...manifest, version: contractVersion() }, null, 2)}\n` };
}

/** Sets the SDK's version to the contract's; returns whether the file changed. */
export function syncSdkVersion(): boolean {
  const { current, produced } = manifestWithContractVersion();
  if (current === produced) return false;
  writeFileSync(MANIFEST, produced);
  return true;
}

/** Why the SDK cannot be packed as it is, or an empty list. */
export function sdkManifestProblems(): string[] {
  const manifest = readJson<SdkManifest>(MANIFEST);
  const problems: string[] = [];
  const version = contractVersion();
  if (manifest.version !== version) {
    problems.push(
      `clients/typescript/package.json version ${manifest.version} is not openapi.yaml's info.version ${version}: run \`make generate\``,
    );
  }
  const tested = readJson<{ version: string }>(join(ROOT, 'node_modules', 'openapi-fetch', 'package.json')).version;
  if (manifest.dependencies['openapi-fetch'] !== tested) {
    problems.push(
      `clients/typescript/package.json pins openapi-fetch ${manifest.dependencies['openapi-fetch']}, but the repository installs and tests ${tested}`,
    );
  }
  return problems;
}
