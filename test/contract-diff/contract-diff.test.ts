// The contract review: `redocly diff` with the project's redocly.yaml classifies each fixture
// pair (one per class of change), and the gate around it (`make contract-diff`) fails and
// passes as the README says: breaks need a major bump, additions a minor one, and a known break
// is accepted only with a reason.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const REDOCLY = join(ROOT, 'node_modules', '.bin', 'redocly');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const GATE = join(ROOT, 'scripts', 'contract-diff', 'main.ts');
const exec = promisify(execFile);

/** The temporary folders the tests made, removed when the file is done. */
const madeDirs: string[] = [];
afterAll(() => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/** Writes a fixture pair's two documents to files; `edit` may change the second one's text. */
function pairFiles(fixture: string, edit: (head: string) => string = (head) => head): { base: string; head: string } {
  const [base, head] = readFileSync(join(FIXTURES, fixture), 'utf8').split(/^---$/m);
  const dir = tempDir('contract-diff-');
  writeFileSync(join(dir, 'base.yaml'), base!);
  writeFileSync(join(dir, 'head.yaml'), edit(head!));
  return { base: join(dir, 'base.yaml'), head: join(dir, 'head.yaml') };
}

interface DiffReport {
  summary: { major: number; minor: number; patch: number };
  changes: { path: string; impact: string; verdicts: { ruleId: string; impact: string; message: string }[] }[];
}

/** Redocly's JSON report of a fixture pair, with the project's config. */
async function diffReport(fixture: string): Promise<DiffReport> {
  const { base, head } = pairFiles(fixture);
  const run = await exec(REDOCLY, ['diff', base, head, '--config', 'redocly.yaml', '--format', 'json', '--fail-on', 'none'], { cwd: ROOT });
  return JSON.parse(run.stdout) as DiffReport;
}

/** Runs the gate in `cwd`; resolves with its exit code and output whatever the code. */
async function gate(args: string[], cwd = ROOT): Promise<{ status: number; stdout: string; stderr: string }> {
  return exec(TSX, [GATE, ...args], { cwd }).then(
    ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ status: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** fixture -> the rule that must report its one major change, and where. */
const BREAKING: [fixture: string, rule: string, pointer: string][] = [
  ['path-removed.yaml', 'path-removed', '#/paths/~1tags'],
  ['parameter-removed.yaml', 'parameter-removed', '#/paths/~1items/get/parameters/0'],
  ['response-field-removed.yaml', 'property-removed', '/responses/200/content/application~1json/schema/properties/name'],
  ['response-status-removed.yaml', 'response-removed', '/responses/404'],
  ['request-media-type-removed.yaml', 'media-type-removed', '/requestBody/content/application~1x-www-form-urlencoded'],
  ['response-media-type-removed.yaml', 'media-type-removed', '/responses/200/content/text~1csv'],
  ['response-header-removed.yaml', 'response-header-removed', '/responses/200/headers/X-Total-Count'],
  ['created-location-removed.yaml', 'response-header-removed', '#/paths/~1items/post/responses/201/headers'],
  ['unauthorized-challenge-removed.yaml', 'response-header-removed', '#/paths/~1me/get/responses/401/headers'],
  ['required-parameter-added.yaml', 'parameter-became-required', '#/paths/~1items/get/parameters/1'],
  ['required-request-field-added.yaml', 'required-properties-added', '/requestBody/content/application~1json/schema'],
  ['bound-narrowed.yaml', 'schema-constraint-changed', '#/paths/~1items/get/parameters/0/schema'],
  ['enum-narrowed.yaml', 'enum-values-removed', '#/paths/~1items/get/parameters/0/schema'],
  ['response-enum-widened.yaml', 'enum-values-added', '/schema/properties/status'],
  ['type-changed.yaml', 'schema-type-changed', '/schema/properties/id'],
  ['response-format-changed.yaml', 'schema-constraint-changed', '/schema/properties/time_index'],
  ['retry-after-type-changed.yaml', 'schema-type-changed', '/responses/429/headers/Retry-After/schema'],
];

describe.concurrent('redocly diff with redocly.yaml, on the fixture pairs', () => {
  it.each(BREAKING)('when breaking/%s is diffed, reports one major change by %s', async (fixture, rule, pointer) => {
    const report = await diffReport(join('breaking', fixture));
    const major = report.changes.filter((c) => c.impact === 'major');
    expect(major).toHaveLength(1);
    expect(major[0]!.verdicts.map((v) => v.ruleId)).toEqual([rule]);
    expect(major[0]!.path.endsWith(pointer) || major[0]!.path === pointer, major[0]!.path).toBe(true);
  });

  it('when breaking/response-format-changed.yaml is diffed, the message names the field and both formats', async () => {
    const [change] = (await diffReport(join('breaking', 'response-format-changed.yaml'))).changes;
    expect(change!.verdicts[0]!.message).toBe("`format` of `time_index` changed from 'date-time' to 'date'.");
  });

  it('when safe/additions.yaml is diffed, reports only minor and patch changes, the additions minor', async () => {
    const report = await diffReport(join('safe', 'additions.yaml'));
    expect(report.summary.major).toBe(0);
    const added = report.changes.filter((c) => c.impact === 'minor').map((c) => c.path.replace(/^#\/paths\/~1items\//, ''));
    expect(added.sort()).toEqual(
      [
        'get/parameters/2',
        'get/responses/200/content/application~1json/schema/items/properties/label',
        'get/responses/429',
        'post/requestBody/content/application~1json/schema/properties/note',
        '#/paths/~1tags',
      ].sort(),
    );
  });

  it.each([
    ['default-changed.yaml', 'patch', '#/paths/~1items/get/parameters/0/schema'],
    ['required-body-added.yaml', 'minor', '#/paths/~1items~1{code}~1archive/post/requestBody'],
  ])('when gaps/%s is diffed, rates it %s: a break a reviewer must catch by eye', async (fixture, impact, pointer) => {
    const report = await diffReport(join('gaps', fixture));
    expect(report.changes.map((c) => [c.impact, c.path])).toEqual([[impact, pointer]]);
  });

  it.each(['inline-to-ref.yaml', 'ref-to-inline.yaml'])('when unchanged/%s is diffed, no operation changes', async (fixture) => {
    const report = await diffReport(join('unchanged', fixture));
    expect(report.summary).toMatchObject({ major: 0, minor: 0 });
    expect(report.changes.map((c) => c.path)).toEqual(['#/components']);
  });
});

const withVersion = (version: string) => (head: string) => head.replace('version: 1.0.0', `version: ${version}`);

describe.concurrent('the gate (make contract-diff)', () => {
  it('when a break is made without a major bump, prints the Markdown report naming it and exits 1', async () => {
    const { base, head } = pairFiles('breaking/response-header-removed.yaml');
    const run = await gate(['--base-file', base, '--head', head]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^## API diff: /);
    expect(run.stdout).toContain('| 🔴 major | removed | `#/paths/~1items/get/responses/200/headers/X-Total-Count` |');
    expect(run.stdout).toContain('Response header \\`X-Total-Count\\` was removed. `response-header-removed`');
    expect(run.stdout).toContain('- ❌ Diff failed with 1 major change.');
    expect(run.stdout).toContain('- ❌ info.version stayed 1.0.0, but these changes require a major bump (2.0.0).');
  });

  it("when a break comes with info.version's major raised, reports it and exits 0", async () => {
    const { base, head } = pairFiles('breaking/path-removed.yaml', withVersion('2.0.0'));
    const run = await gate(['--base-file', base, '--head', head]);
    expect(run.stdout).toContain('`path-removed`');
    expect(run.stdout).toContain("- info.version's major was raised: breaking changes are allowed.");
    expect(run.status).toBe(0);
  });

  it('when additions come without a minor bump, exits 1 asking for one', async () => {
    const { base, head } = pairFiles('safe/additions.yaml', withVersion('1.0.1'));
    const run = await gate(['--base-file', base, '--head', head]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('- ❌ info.version went 1.0.0 → 1.0.1, but these changes require a minor bump (1.1.0).');
  });

  it('when additions come with a minor bump, exits 0', async () => {
    const { base, head } = pairFiles('safe/additions.yaml', withVersion('1.1.0'));
    const run = await gate(['--base-file', base, '--head', head]);
    expect(run.stdout).toContain('- ✅ Diff passed.');
    expect(run.status).toBe(0);
  });

  it('when a known break is accepted with a reason, skips that rule, says why and exits 0 on a patch bump', async () => {
    const { base, head } = pairFiles('breaking/created-location-removed.yaml', withVersion('1.0.1'));
    const run = await gate(['--base-file', base, '--head', head, '--accept', 'response-header-removed: the server never sent it']);
    expect(run.stdout).toContain('- Accepted break, rule `response-header-removed` skipped (the command line): the server never sent it');
    expect(run.stdout).toContain('| ⚪ patch | removed | `#/paths/~1items/post/responses/201/headers` |');
    expect(run.status).toBe(0);
  });

  it('when a break is accepted without a reason, refuses to run (exit 2)', async () => {
    const { base, head } = pairFiles('breaking/created-location-removed.yaml');
    const run = await gate(['--base-file', base, '--head', head, '--accept', 'response-header-removed']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not "<diff rule>: <reason>"');
  });

  it('when the contract is compared with itself, reports no change and exits 0', async () => {
    const run = await gate(['--base-file', 'openapi.yaml', '--head', 'openapi.yaml']);
    expect(run.stdout).toContain('**0** major · **0** minor · **0** patch');
    expect(run.status).toBe(0);
  });

  it('when the base ref has no openapi.yaml and --if-present is given, exits 0', async () => {
    const run = await gate(['--base', 'no-such-ref-xyz', '--if-present']);
    expect(run.stdout).toContain('nothing to compare');
    expect(run.status).toBe(0);
  });
});

describe('the gate on a git history', () => {
  it('when the reviewed commit carries a Contract-Break-Accepted trailer, that break passes; without it, it fails', async () => {
    const repo = tempDir('contract-review-repo-');
    const git = (...args: string[]) =>
      exec('git', ['-c', 'user.name=Reviewer', '-c', 'user.email=reviewer@example.com', ...args], { cwd: repo });
    const [base, head] = readFileSync(join(FIXTURES, 'breaking', 'unauthorized-challenge-removed.yaml'), 'utf8').split(/^---$/m);
    copyFileSync(join(ROOT, 'redocly.yaml'), join(repo, 'redocly.yaml'));
    await git('init', '-q');
    writeFileSync(join(repo, 'openapi.yaml'), base!);
    await git('add', '.');
    await git('commit', '-q', '-m', 'base contract');
    writeFileSync(join(repo, 'openapi.yaml'), withVersion('1.0.1')(head!));
    await git('commit', '-q', '-a', '-m', 'Drop the 401 challenge header');

    const refused = await gate(['--base', 'HEAD~1'], repo);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/## API diff: dist\/contract-diff\/openapi@[0-9a-f]+\.yaml → openapi\.yaml/);
    expect(refused.stdout).toContain('All headers of response \\`401\\` were removed.');

    await git(
      'commit',
      '-q',
      '--amend',
      '-m',
      'Drop the 401 challenge header\n\nContract-Break-Accepted: response-header-removed: no client reads it (issue 99)',
    );
    const accepted = await gate(['--base', 'HEAD~1'], repo);
    expect(accepted.stdout).toMatch(
      /- Accepted break, rule `response-header-removed` skipped \(commit [0-9a-f]+\): no client reads it \(issue 99\)/,
    );
    expect(accepted.status).toBe(0);
  });
});
