import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT } from '../e2e/support/server-process.js';

describe('objects createAppServer hands Express', () => {
  it('keep fast properties once answered: no request or response turns into a dictionary', () => {
    const probe = join(ROOT, 'test', 'http', 'object-shapes-probe.ts');
    const printed = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', probe], { cwd: ROOT, encoding: 'utf8' });
    const { checkSeesDictionary, checkSeesFast, shapes } = JSON.parse(printed) as {
      checkSeesDictionary: boolean;
      checkSeesFast: boolean;
      shapes: { request: boolean; response: boolean }[];
    };
    expect([checkSeesDictionary, checkSeesFast]).toEqual([true, true]);
    expect(shapes).toEqual(Array.from({ length: 3 }, () => ({ request: true, response: true })));
  });
});
