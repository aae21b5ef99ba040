import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The contract as loaded at start-up: parsed document, its YAML text and `info.version`. */
export interface ContractDocument {
  readonly path: string;
  readonly yaml: string;
  readonly document: Record<string, unknown> & { info: { version: string } };
  readonly version: string;
}

/** Finds `openapi.yaml` at the package root, whether running from `src/` or from `dist/`. */
export function findContractPath(start = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'openapi.yaml');
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`openapi.yaml not found above ${start}`);
  }
}

/**
 * Reads the contract and parses it (tools and tests; the server takes the parsed document from
 * the compiled contract, see compiled-contract.ts, and parses nothing at start-up).
 */
export function loadContractDocument(path = findContractPath()): ContractDocument {
  const yaml = readFileSync(path, 'utf8');
  const document = parse(yaml) as ContractDocument['document'];
  return Object.freeze({ path, yaml, document, version: document.info.version });
}
