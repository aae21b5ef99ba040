// Each review rule in redocly.yaml, shown to fire: a spec broken once per rule is linted with the
// project's config, and the stylish output must name the rule at the offending line.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = 'test/lint/fixtures/broken.yaml';
const COMMAND_CENTER_FIXTURE = 'test/lint/fixtures/command-center.yaml';
const lines = readFileSync(resolve(ROOT, FIXTURE), 'utf8').split('\n');

/** Lints `file` with the project's config: exit status and stylish output. */
function lint(file: string): { status: number | null; output: string } {
  const run = spawnSync(resolve(ROOT, 'node_modules/.bin/redocly'), ['lint', file, '--config', 'redocly.yaml', '--format=stylish'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

let realContract: ReturnType<typeof lint> | undefined;

/** The lint of openapi.yaml itself, run once for the suites that read it. */
function lintRealContract(): ReturnType<typeof lint> {
  return (realContract ??= lint('openapi.yaml'));
}

/** Every `[line, severity, rule]` the stylish output reports. */
function reports(output: string): [line: number, severity: string, rule: string][] {
  return output
    .split('\n')
    .map((l) => /^\s*(\d+):(\d+)\s+(error|warning)\s+(\S+)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), m[3]!, m[4]!]);
}

/** The 1-based line of the first line containing `text` after the line containing `after`. */
function lineOf(text: string, after?: string, fixtureLines = lines): number {
  const start = after ? fixtureLines.findIndex((l) => l.includes(after)) : 0;
  const index = fixtureLines.findIndex((l, i) => i >= start && l.includes(text));
  if (index < 0) throw new Error(`fixture has no line with ${text}`);
  return index + 1;
}

/** rule -> where in the fixture it must be reported. */
const expectations: [rule: string, line: number][] = [
  ['operation-operationId', lineOf('get:', '/no-id:')],
  ['rule/operationId-camel-case', lineOf('operationId: get_snake_case')],
  ['rule/operation-has-tags', lineOf('operationId: getUntagged')],
  ['operation-description', lineOf('get:', '/undescribed:')],
  ['operation-summary', lineOf('get:', '/bad-example:')],
  ['rule/response-media-has-named-examples', lineOf('schema: { type: string }', '/no-example:')],
  ['rule/media-example-is-named', lineOf('example: not-a-number')],
  ['no-invalid-media-type-examples', lineOf('example: not-a-number')],
  ['no-unused-components', lineOf('Unused:')],
];

describe('redocly.yaml review rules', () => {
  let output = '';
  let status: number | null = null;

  beforeAll(() => {
    const run = spawnSync(resolve(ROOT, 'node_modules/.bin/redocly'), ['lint', FIXTURE, '--config', 'redocly.yaml', '--format=stylish'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
    });
    output = run.stdout + run.stderr;
    status = run.status;
  });

  it('when the spec breaks the rules, lint fails', () => {
    expect(status).not.toBe(0);
  });

  it.each(expectations)('when the spec breaks %s, the report names it at line %i', (rule, line) => {
    const reported = output
      .split('\n')
      .map((l) => /^\s*(\d+):(\d+)\s+(error|warning)\s+(\S+)/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .filter((m) => m[4] === rule)
      .map((m) => Number(m[1]));
    expect(reported, output).toContain(line);
  });

  it('when the real contract is linted, none of these rules fire', () => {
    const { output } = lintRealContract();
    for (const [rule] of expectations) expect(output).not.toContain(` ${rule} `);
  });
});

describe('rule/operation-has-command-center (make lint)', () => {
  const fixtureLines = readFileSync(resolve(ROOT, COMMAND_CENTER_FIXTURE), 'utf8').split('\n');

  it('when an operation has no x-command-center, lint fails naming the rule at that operation, and only there', () => {
    const { status, output } = lint(COMMAND_CENTER_FIXTURE);
    expect(status, output).not.toBe(0);
    expect(reports(output), output).toEqual([
      [lineOf('operationId: postForgotten', undefined, fixtureLines), 'error', 'rule/operation-has-command-center'],
    ]);
  });

  it('when every operation of the real contract states x-command-center (or false), make lint passes', () => {
    const { status, output } = lintRealContract();
    expect(status, output).toBe(0);
    expect(output).not.toContain('operation-has-command-center');
  });
});
