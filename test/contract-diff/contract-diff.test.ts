// The contract review gate: one fixture pair per breaking rule (it must be flagged and fail the
// gate), a purely additive change (it must pass), a major version bump (reported, passes) and
// the CLI's Markdown and exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { diffContracts } from '../../scripts/contract-diff/diff-contracts.js';
import { markdownReport } from '../../scripts/contract-diff/markdown-report.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const ROOT = resolve(import.meta.dirname, '../..');

/** Reads a fixture pair: the base document, then the changed one. */
function pair(file: string): [Record<string, any>, Record<string, any>] {
  const documents = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, any>);
  expect(documents).toHaveLength(2);
  return [documents[0]!, documents[1]!];
}

const breakingFixtures = readdirSync(join(FIXTURES, 'breaking')).filter((f) => f.endsWith('.yaml'));

describe('contract-diff breaking rules', () => {
  it.each(breakingFixtures)('when the change in %s is made without a major bump, flags exactly that rule and fails the gate', (file) => {
    const rule = basename(file, '.yaml');
    const diff = diffContracts(...pair(join(FIXTURES, 'breaking', file)));
    expect(diff.breaking.map((c) => c.rule)).toEqual([rule]);
    expect(diff.exitCode).toBe(1);
  });

  it('has a fixture pair for every breaking rule the classifier can report', () => {
    const source = readdirSync(join(ROOT, 'scripts/contract-diff'))
      .map((f) => readFileSync(join(ROOT, 'scripts/contract-diff', f), 'utf8'))
      .join('\n');
    const rules = [...source.matchAll(/\.breaking\('([a-z-]+)'/g)].map((m) => m[1]);
    expect([...new Set(rules)].sort()).toEqual(breakingFixtures.map((f) => basename(f, '.yaml')).sort());
  });
});

describe('contract-diff non-breaking changes', () => {
  it('when the change only adds paths, operations, optional fields, statuses and wider bounds, passes', () => {
    const diff = diffContracts(...pair(join(FIXTURES, 'non-breaking', 'additive.yaml')));
    expect(diff.breaking).toEqual([]);
    expect(diff.exitCode).toBe(0);
    expect(new Set(diff.changes.map((c) => c.rule))).toEqual(
      new Set(['path-added', 'operation-added', 'parameter-added', 'enum-widened', 'bounds-widened', 'request-field-added', 'response-field-added', 'response-status-added']),
    );
  });

  it('when nothing changed (the real contract against itself), reports no changes', () => {
    const contract = parseAllDocuments(readFileSync(join(ROOT, 'openapi.yaml'), 'utf8'))[0]!.toJS();
    const diff = diffContracts(contract, structuredClone(contract));
    expect(diff.changes).toEqual([]);
    expect(markdownReport(diff, { base: 'a', head: 'b' })).toContain('No changes');
  });

  it('when a breaking change raises the major version, reports it and passes', () => {
    const diff = diffContracts(...pair(join(FIXTURES, 'major-bump.yaml')));
    expect(diff.breaking.map((c) => c.rule)).toEqual(['operation-removed']);
    expect(diff.majorBumped).toBe(true);
    expect(diff.exitCode).toBe(0);
  });
});

describe('make contract-diff (the CLI)', () => {
  function runCli(file: string) {
    const dir = mkdtempSync(join(tmpdir(), 'contract-diff-'));
    const [base, head] = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toString());
    writeFileSync(join(dir, 'base.yaml'), base!);
    writeFileSync(join(dir, 'head.yaml'), head!);
    return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/contract-diff/main.ts', '--base-file', join(dir, 'base.yaml'), '--head', join(dir, 'head.yaml')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  }

  it('when a change is breaking, prints breaking changes first as Markdown and exits 1', () => {
    const run = runCli(join(FIXTURES, 'breaking', 'parameter-removed.yaml'));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^## Contract review/);
    expect(run.stdout).toContain('| `parameter-removed` | `GET /items` |');
    expect(run.stdout.indexOf('### Breaking changes')).toBeGreaterThan(0);
  });

  it('when both kinds are present, the breaking section comes before the additions', () => {
    const [base, head] = pair(join(FIXTURES, 'breaking', 'request-field-required-added.yaml'));
    head.paths['/extra'] = { get: { operationId: 'getExtra', responses: { '200': { description: 'ok' } } } };
    const report = markdownReport(diffContracts(base, head), { base: 'a', head: 'b' });
    expect(report).toContain('❌ 1 breaking change(s) without a major version bump');
    expect(report.indexOf('### Breaking changes')).toBeGreaterThan(0);
    expect(report.indexOf('### Breaking changes')).toBeLessThan(report.indexOf('### Non-breaking changes'));
  });

  it('when the change is additive, exits 0', () => {
    expect(runCli(join(FIXTURES, 'non-breaking', 'additive.yaml')).status).toBe(0);
  });

  it('when the base ref has no openapi.yaml and --if-present is given, exits 0', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/contract-diff/main.ts', '--base', 'no-such-ref-xyz', '--if-present'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('nothing to compare');
  });
});
