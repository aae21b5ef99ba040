// The READMEs show the SDK consumer example as it is: each block marked
// `<!-- source: <path> -->` must equal that file, which the pack-and-consume test compiles and runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT } from '../e2e/support/server-process.js';

const EXAMPLE = 'clients/typescript/example/consumer.ts';

function sourceBlocks(readme: string): { source: string; block: string }[] {
  return [...readFileSync(join(ROOT, readme), 'utf8').matchAll(/<!-- source: (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map((m) => ({
    source: m[1]!,
    block: m[2]!,
  }));
}

describe.each(['README.md', 'clients/typescript/README.md'])('%s', (readme) => {
  it('when it shows the consumer example, shows the file the pack-and-consume test runs, unchanged', () => {
    const blocks = sourceBlocks(readme);
    expect(blocks.map((b) => b.source)).toContain(EXAMPLE);
    for (const { source, block } of blocks) expect(block, source).toBe(readFileSync(join(ROOT, source), 'utf8'));
  });
});
