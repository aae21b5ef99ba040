// Contract review gate (`make contract-diff BASE=<ref>`): openapi.yaml at a git ref against the
// working copy, compared by `redocly diff` with the diff rules of redocly.yaml.
//   npx tsx scripts/contract-diff/main.ts --base <ref> [--if-present]
//   npx tsx scripts/contract-diff/main.ts --base-file old.yaml [--head new.yaml] [--accept "<rule>: <reason>"]
// Runs in the repository of the working directory. Prints Redocly's Markdown report and its
// verdict. Exits 1 on a breaking (major) change unless info.version's major was raised, and
// when info.version was not raised as far as the changes require (Redocly's --check-version:
// patch for documentation, minor for additions, major for breaks).
// --if-present: exit 0 quietly when the ref or its openapi.yaml does not exist (a first commit).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { parse } from 'yaml';

import { type AcceptedBreak, acceptedBreaks, parseAcceptance } from './accepted-breaks.js';

const REDOCLY = resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'redocly');
const repository = process.cwd();
const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    'base-file': { type: 'string' },
    head: { type: 'string', default: 'openapi.yaml' },
    'if-present': { type: 'boolean', default: false },
    accept: { type: 'string', multiple: true, default: [] },
  },
});

function fail(message: string): never {
  console.error(`contract-diff: ${message}`);
  process.exit(2);
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repository, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The base contract as a file path relative to the repository (written out when it comes from git). */
function basePath(): string | undefined {
  if (values['base-file']) return relative(repository, resolve(values['base-file']));
  const ref = values.base ?? fail('usage: contract-diff --base <git ref> | --base-file <path> [--head openapi.yaml]');
  let text: string;
  try {
    text = git('show', `${ref}:openapi.yaml`);
  } catch {
    if (values['if-present']) return undefined;
    fail(`${ref} has no openapi.yaml (or is not a git ref)`);
  }
  const file = join('dist', 'contract-diff', `openapi@${git('rev-parse', '--short', ref).trim()}.yaml`);
  mkdirSync(join(repository, 'dist', 'contract-diff'), { recursive: true });
  writeFileSync(join(repository, file), text);
  return file;
}

function majorOf(file: string): number {
  const version = String((parse(readFileSync(join(repository, file), 'utf8')) as { info?: { version?: unknown } }).info?.version ?? '');
  return Number.parseInt(version, 10);
}

const base = basePath();
if (base === undefined) {
  console.log(`contract-diff: nothing to compare (${values.base} has no openapi.yaml)`);
  process.exit(0);
}
const head = relative(repository, resolve(values.head));
let accepted: AcceptedBreak[];
try {
  accepted = [
    ...values.accept.map((text) => parseAcceptance(text, 'the command line')),
    ...(values.base ? acceptedBreaks(git, values.base) : []),
  ];
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const majorRaised = majorOf(head) > majorOf(base);

const redocly = spawnSync(
  REDOCLY,
  [
    'diff',
    base,
    head,
    '--config',
    'redocly.yaml',
    '--format',
    'markdown',
    '--check-version',
    '--fail-on',
    majorRaised ? 'none' : 'major',
    ...accepted.flatMap((a) => ['--skip-rule', a.rule]),
  ],
  { cwd: repository, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' } },
);

// Redocly writes its verdict to stderr, after the Node 20 deprecation box and a timing line.
const verdict = redocly.stderr
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !/[║╔╚]/.test(line) && !/: diff processed in \d+ms$/.test(line));
const notes = [
  ...(majorRaised ? [`info.version's major was raised: breaking changes are allowed.`] : []),
  ...accepted.map((a) => `Accepted break, rule \`${a.rule}\` skipped (${a.source}): ${a.reason}`),
];
console.log(redocly.stdout.trimEnd());
console.log(['', '### Verdict', '', ...[...notes, ...verdict].map((line) => `- ${line}`)].join('\n'));
if (redocly.status !== 0) {
  console.log(
    '\nTo ship a breaking change, raise the major of `info.version`. To accept a known break, add the trailer ' +
      '`Contract-Break-Accepted: <rule>: <reason>` to a commit under review (README, "Contract review").',
  );
}
process.exit(redocly.status ?? 1);
