import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { writeCodeCache } from '../../scripts/build/code-cache.js';
import { productionNodeFlags } from '../../scripts/build/node-flags.js';
import { compiledContractPath } from '../../src/contract/compiled-contract.js';
import { findContractPath } from '../../src/contract/contract-path.js';
import { runBundle, SERVER_BUNDLE_FILE } from '../../src/startup/bundle-loader.js';
import { codeCachePath, compileCommonJs, runCommonJs, writeCodeCacheFile } from '../../src/startup/code-cache.js';
import { ROOT } from '../e2e/support/server-process.js';
import { TEST_SERVER_BUNDLE } from '../global-setup.js';

const dir = join(ROOT, 'test-output', 'code-cache');

/** A CommonJS file that reports what Node's module wrapper gives it. */
const REPORTING_BUNDLE = `
const { basename } = require('node:path');
globalThis.__bundleLoaderReport = { filename: __filename, dirname: __dirname, exportsIsModuleExports: exports === module.exports, lineOfThis: new Error().stack.split('\\n')[1], name: basename(__filename) };
`;

/** Writes the cache of `path` as the training run does. */
function writeCacheOf(path: string): void {
  const { script, sourceDigest } = compileCommonJs(path);
  writeCodeCacheFile(codeCachePath(path), script, sourceDigest);
}

describe('runCommonJs and runBundle (dist/server.cjs running the server bundle, the compiled contract)', () => {
  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a CommonJS file as Node would: require from its folder, __filename, __dirname, exports, its own line numbers', () => {
    const bundle = join(dir, 'reporting.cjs');
    writeFileSync(bundle, REPORTING_BUNDLE);
    expect(runBundle(bundle)).toEqual({ cacheAccepted: undefined });
    const report = (globalThis as { __bundleLoaderReport?: Record<string, unknown> }).__bundleLoaderReport!;
    expect(report).toMatchObject({ filename: bundle, dirname: dir, exportsIsModuleExports: true, name: 'reporting.cjs' });
    expect(report.lineOfThis).toContain(`${bundle}:3:`);
  });

  it('takes a cache made from the same source, and compiles as usual when the cache is not for it', () => {
    const bundle = join(dir, 'cached.cjs');
    writeFileSync(bundle, REPORTING_BUNDLE);
    writeCacheOf(bundle);
    expect(runBundle(bundle)).toEqual({ cacheAccepted: true });

    writeFileSync(bundle, `${REPORTING_BUNDLE}\n// changed after the cache was made\n`);
    expect(runBundle(bundle)).toEqual({ cacheAccepted: false });
    // (Another source again: V8 would reuse what it compiled in this process for the one above.)
    writeFileSync(bundle, `${REPORTING_BUNDLE}\n// and a cache that is not one\n`);
    writeFileSync(codeCachePath(bundle), 'not a cache');
    expect(runBundle(bundle)).toEqual({ cacheAccepted: false });
  });

  it('never runs the cached code of another source of the same length (which V8 alone would take)', () => {
    const module = join(dir, 'same-length.cjs');
    writeFileSync(module, 'module.exports = { answer: 111 };');
    writeCacheOf(module);
    expect(runCommonJs(module)).toEqual({ exports: { answer: 111 }, cacheAccepted: true });

    writeFileSync(module, 'module.exports = { answer: 222 };');
    expect(runCommonJs(module)).toEqual({ exports: { answer: 222 }, cacheAccepted: false });
  });

  it('does not use a cache made for the same source at another path, whose stack traces would name that path', () => {
    const [made, moved] = [join(dir, 'made'), join(dir, 'moved')];
    const source = "module.exports = () => new Error('where').stack.split('\\n')[1];";
    for (const folder of [made, moved]) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'frames.cjs'), source);
    }
    writeCacheOf(join(made, 'frames.cjs'));
    cpSync(codeCachePath(join(made, 'frames.cjs')), codeCachePath(join(moved, 'frames.cjs')));
    const { exports, cacheAccepted } = runCommonJs(join(moved, 'frames.cjs'));
    expect(cacheAccepted).toBe(false);
    expect((exports as () => string)()).toContain(join(moved, 'frames.cjs'));
  });

  it('reads a source that is not ASCII as UTF-8', () => {
    const module = join(dir, 'utf8.cjs');
    writeFileSync(module, "module.exports = 'Zürich, 東京';");
    expect(runCommonJs(module).exports).toBe('Zürich, 東京');
  });

  it("the build's training run writes the caches of the bundle and the compiled contract, which V8 takes under production's node flags", async () => {
    const built = join(dir, 'server');
    cpSync(dirname(TEST_SERVER_BUNDLE), built, { recursive: true });
    const entry = join(built, 'server.cjs');
    const bundle = join(built, SERVER_BUNDLE_FILE);
    const contract = compiledContractPath(findContractPath());
    expect(await writeCodeCache(entry)).toEqual([codeCachePath(bundle), codeCachePath(contract)]);
    // Start-up's functions compiled in, not only the top level: the cache is about half the source's size.
    expect(statSync(codeCachePath(bundle)).size).toBeGreaterThan(statSync(bundle).size / 4);

    const probe = join(dir, 'acceptance-probe.ts');
    writeFileSync(probe, ACCEPTANCE_PROBE);
    const accepted = (flags: string[], file: string) =>
      execFileSync(process.execPath, [...flags, '--import', 'tsx', probe, file], { encoding: 'utf8' }).trim();
    expect(accepted(productionNodeFlags(), bundle)).toBe('accepted');
    expect(accepted(productionNodeFlags(), contract)).toBe('accepted');
    // Other V8 flags than the build's: V8 refuses the cache rather than run code compiled for them.
    expect(accepted([], bundle)).toBe('rejected');
    expect(readFileSync(codeCachePath(bundle)).length).toBeGreaterThan(0);
  });
});

/** Compiles a file as runCommonJs does, without running it, and says whether V8 took its cache. */
const ACCEPTANCE_PROBE = `
import { compileCommonJs } from ${JSON.stringify(join(ROOT, 'src', 'startup', 'code-cache.ts'))};
console.log(compileCommonJs(process.argv[2]).cacheAccepted ? 'accepted' : 'rejected');
`;
