import type { Change } from './change.js';
import type { ContractDiff } from './diff-contracts.js';

/** Labels for the two sides, as the report names them. */
export interface ReportLabels {
  base: string;
  head: string;
}

/** Renders a diff as Markdown for a pull-request comment: verdict, breaking changes first, then additions. */
export function markdownReport(diff: ContractDiff, labels: ReportLabels): string {
  const additions = diff.changes.filter((c) => c.severity === 'non-breaking');
  const lines = [
    `## Contract review: \`openapi.yaml\``,
    '',
    `Base: ${labels.base} (\`info.version\` ${diff.baseVersion || 'unset'}) → ${labels.head} (\`info.version\` ${diff.headVersion || 'unset'})`,
    '',
    verdict(diff, additions.length),
    '',
  ];
  if (diff.breaking.length > 0) lines.push(`### Breaking changes (${diff.breaking.length})`, '', ...table(diff.breaking), '');
  if (additions.length > 0) lines.push(`### Non-breaking changes (${additions.length})`, '', ...table(additions), '');
  return lines.join('\n');
}

function verdict(diff: ContractDiff, additions: number): string {
  if (diff.changes.length === 0) return '✅ No changes to operations, parameters, bodies or responses.';
  if (diff.breaking.length === 0) return `✅ No breaking changes; ${additions} non-breaking change(s).`;
  if (diff.majorBumped) {
    return `⚠️ ${diff.breaking.length} breaking change(s), accepted because the major version went from ${diff.baseVersion} to ${diff.headVersion}. Tell consumers before merging.`;
  }
  return `❌ ${diff.breaking.length} breaking change(s) without a major version bump. Make them compatible, or raise the major number of \`info.version\` and tell consumers.`;
}

function table(changes: Change[]): string[] {
  return ['| Rule | Where | Change |', '| --- | --- | --- |', ...changes.map((c) => `| \`${c.rule}\` | \`${cell(c.where)}\` | ${cell(c.message)} |`)];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
