import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Runs the import check (`make imports`) over `paths`, as the Makefile does. */
function importCheck(...paths: string[]) {
  const run = spawnSync(join(ROOT, 'node_modules/.bin/depcruise'), [...paths, '--config', '.dependency-cruiser.cjs'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the import check (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('when a folder holds an import cycle, even through a type-only import, fails and names it', () => {
    const result = importCheck('test/architecture/fixtures/import-cycle');
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/no-circular: test\/architecture\/fixtures\/import-cycle\/(first|second)\.ts/);
  });

  it('when run over src/ and scripts/, finds no cycle and no broken layering rule', () => {
    const result = importCheck('src', 'scripts');
    expect(result.output).toMatch(/no dependency violations found/);
    expect(result.status).toBe(0);
  });
});
