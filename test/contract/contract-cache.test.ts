import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findContractPath, loadContractDocument, writeContractCache } from '../../src/contract/contract-document.js';

describe('the contract parse cache', () => {
  let dir: string;
  let yamlPath: string;
  let cachePath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'contract-cache-'));
    yamlPath = join(dir, 'openapi.yaml');
    cachePath = join(dir, 'openapi.parsed.json');
    copyFileSync(findContractPath(), yamlPath);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same document as parsing the YAML', () => {
    writeContractCache(yamlPath, cachePath);
    expect(loadContractDocument(yamlPath, cachePath).document).toEqual(parse(readFileSync(yamlPath, 'utf8')));
  });

  it('is used only while it matches the YAML: an edited contract is parsed again', () => {
    writeContractCache(yamlPath, cachePath);
    const cache = JSON.parse(readFileSync(cachePath, 'utf8')) as { sha256: string; document: { info: { version: string } } };
    // A cache that says something else but carries the right hash is what gets loaded...
    cache.document.info.version = '9.9.9-from-cache';
    writeFileSync(cachePath, JSON.stringify(cache));
    expect(loadContractDocument(yamlPath, cachePath).version).toBe('9.9.9-from-cache');
    // ...and once the YAML changes, the hash no longer matches and the YAML wins.
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace(/^(\s+version:\s*).*$/m, '$1 7.7.7'));
    expect(loadContractDocument(yamlPath, cachePath).version).toBe('7.7.7');
  });

  it('falls back to the YAML when the cache is missing or unreadable', () => {
    const expected = parse(readFileSync(yamlPath, 'utf8')) as { info: { version: string } };
    expect(loadContractDocument(yamlPath, cachePath).version).toBe(expected.info.version);
    writeFileSync(cachePath, '{ not json');
    expect(loadContractDocument(yamlPath, cachePath).version).toBe(expected.info.version);
  });
});
