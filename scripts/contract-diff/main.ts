// Contract review gate: compares openapi.yaml at a git ref (or a file) with the working copy
// and prints a Markdown report; exits 1 on a breaking change unless the major version was raised.
//   npx tsx scripts/contract-diff/main.ts --base HEAD~1 [--head openapi.yaml]
//   npx tsx scripts/contract-diff/main.ts --base-file old.yaml --head new.yaml
//   --if-present: exit 0 quietly when the ref or its openapi.yaml does not exist (CI's first commit)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diffContracts } from './diff-contracts.js';
import { markdownReport } from './markdown-report.js';
import { parseOpenApi } from './openapi-document.js';

const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    'base-file': { type: 'string' },
    head: { type: 'string', default: 'openapi.yaml' },
    'if-present': { type: 'boolean', default: false },
  },
});

function baseText(): { text: string; label: string } | undefined {
  if (values['base-file']) return { text: readFileSync(values['base-file'], 'utf8'), label: `\`${values['base-file']}\`` };
  const ref = values.base;
  if (!ref) {
    console.error('usage: contract-diff --base <git ref> | --base-file <path> [--head openapi.yaml]');
    process.exit(2);
  }
  try {
    const text = execFileSync('git', ['show', `${ref}:openapi.yaml`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: root, encoding: 'utf8' }).trim();
    return { text, label: `\`${ref}\` (${commit})` };
  } catch {
    if (values['if-present']) return undefined;
    console.error(`contract-diff: ${ref} has no openapi.yaml (or is not a git ref)`);
    process.exit(2);
  }
}

const base = baseText();
if (!base) {
  console.log(`contract-diff: nothing to compare (${values.base} has no openapi.yaml)`);
  process.exit(0);
}
const headPath = resolve(values.head);
const diff = diffContracts(parseOpenApi(base.text, 'base'), parseOpenApi(readFileSync(headPath, 'utf8'), values.head));
console.log(markdownReport(diff, { base: base.label, head: values.head === 'openapi.yaml' ? 'working copy' : `\`${values.head}\`` }));
process.exit(diff.exitCode);
