import { readFileSync } from 'node:fs';

import { parse } from 'yaml';

import { findContractPath } from './contract-path.js';

/** The contract as loaded at start-up: parsed document, its YAML text and `info.version`. */
export interface ContractDocument {
  readonly path: string;
  readonly yaml: string;
  readonly document: Record<string, unknown> & { info: { version: string } };
  readonly version: string;
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
