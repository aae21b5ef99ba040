// The pull-request workflow cannot run here, so its parts are checked: actions pinned to exact
// versions, the review step calling the make target, and the comment script (run against a
// recording stand-in for GitHub's REST client) editing its one comment instead of adding more.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const workflow = parse(readFileSync(join(ROOT, '.github/workflows/contract-review.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: { uses?: string; run?: string; with?: { script?: string } }[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

interface Comment {
  id: number;
  body: string;
  user: { type: string };
}

/** Runs the workflow's comment script with `existing` comments on the pull request. */
async function runCommentScript(existing: Comment[], report: string) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const record = (method: string) => async (args: Record<string, unknown>) => void calls.push({ method, args });
  const rest = { issues: { listComments: 'listComments', updateComment: record('updateComment'), createComment: record('createComment') } };
  const github = { rest, paginate: async (endpoint: string) => (endpoint === 'listComments' ? existing : []) };
  const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
  const fakeRequire = (id: string) => (id === 'fs' ? { readFileSync: () => report } : createRequire(import.meta.url)(id));
  const script = steps.find((s) => s.uses?.startsWith('actions/github-script@'))!.with!.script!;
  const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction('github', 'context', 'require', script)(github, context, fakeRequire);
  return calls;
}

describe('.github/workflows/contract-review.yml', () => {
  it('when read, runs on pull requests with every action pinned to an exact version', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const actions = steps.filter((s) => s.uses).map((s) => s.uses!);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^[\w-]+\/[\w-]+@v\d+\.\d+\.\d+$/);
  });

  it('when the review runs, it is make contract-diff against the pull request base commit', () => {
    expect(steps.some((s) => s.run?.includes('make --no-print-directory contract-diff BASE="$BASE_SHA" > contract-review.md'))).toBe(true);
  });

  it('when no report comment exists yet, creates one starting with the marker', async () => {
    const calls = await runCommentScript([{ id: 1, body: 'looks good', user: { type: 'User' } }], '## API diff: a → b\n');
    expect(calls).toEqual([
      { method: 'createComment', args: { owner: 'o', repo: 'r', issue_number: 7, body: '<!-- contract-review -->\n## API diff: a → b\n' } },
    ]);
  });

  it('when its report comment exists, updates that comment instead of adding another', async () => {
    const existing = [
      { id: 1, body: '<!-- contract-review -->\nquoted by a person', user: { type: 'User' } },
      { id: 2, body: '<!-- contract-review -->\nold report', user: { type: 'Bot' } },
    ];
    const calls = await runCommentScript(existing, 'new report');
    expect(calls).toEqual([
      { method: 'updateComment', args: { owner: 'o', repo: 'r', comment_id: 2, body: '<!-- contract-review -->\nnew report' } },
    ]);
  });
});
