import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Where `make build` leaves the parsed contract: dist/openapi.parsed.json beside the package's openapi.yaml. */
export function contractCachePath(contractPath: string): string {
  return join(dirname(contractPath), 'dist', 'openapi.parsed.json');
}

/**
 * Reads the contract once and parses it. Parsing YAML was ~140 ms of a cold start (the `yaml`
 * package on a 38 KB document, before its code is warm), so `make build` also writes the parsed
 * document as JSON with the SHA-256 of the YAML it came from; when that hash matches the
 * openapi.yaml read now, the JSON is used (1 ms). Any other case (no cache, an edited contract,
 * an unreadable cache) parses the YAML: the YAML stays the only source of truth.
 */
export function loadContractDocument(path = findContractPath(), cachePath = contractCachePath(path)): ContractDocument {
  const yaml = readFileSync(path, 'utf8');
  const document = (cachedDocument(yaml, cachePath) ?? parse(yaml)) as ContractDocument['document'];
  return Object.freeze({ path, yaml, document, version: document.info.version });
}

/** Writes the parse cache `loadContractDocument` reads (run by `make build`). */
export function writeContractCache(path = findContractPath(), cachePath = contractCachePath(path)): void {
  const yaml = readFileSync(path, 'utf8');
  writeFileSync(cachePath, JSON.stringify({ sha256: sha256(yaml), document: parse(yaml) as unknown }));
}

function cachedDocument(yaml: string, cachePath: string): unknown {
  if (!existsSync(cachePath)) return undefined;
  try {
    const cached = JSON.parse(readFileSync(cachePath, 'utf8')) as { sha256?: unknown; document?: unknown };
    return cached.sha256 === sha256(yaml) && typeof cached.document === 'object' ? cached.document : undefined;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
