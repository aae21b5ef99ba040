import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { writeCodeCache } from '../../scripts/build/code-cache.js';
import { productionNodeFlags } from '../../scripts/build/node-flags.js';
import { codeCachePath, compileBundle, runBundle, SERVER_BUNDLE_FILE } from '../../src/startup/bundle-loader.js';
import { ROOT } from '../e2e/support/server-process.js';
import { TEST_SERVER_BUNDLE } from '../global-setup.js';

const dir = join(ROOT, 'test-output', 'bundle-loader');

/** A CommonJS file that reports what Node's module wrapper gives it. */
const REPORTING_BUNDLE = `
const { basename } = require('node:path');
globalThis.__bundleLoaderReport = { filename: __filename, dirname: __dirname, exportsIsModuleExports: exports === module.exports, lineOfThis: new Error().stack.split('\\n')[1], name: basename(__filename) };
`;

describe('runBundle (dist/server.cjs running the server bundle)', () => {
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
    writeFileSync(codeCachePath(bundle), compileBundle(bundle).script.createCachedData());
    expect(runBundle(bundle)).toEqual({ cacheAccepted: true });

    writeFileSync(bundle, `${REPORTING_BUNDLE}\n// changed after the cache was made\n`);
    expect(runBundle(bundle)).toEqual({ cacheAccepted: false });
    // (Another source again: V8 would reuse what it compiled in this process for the one above.)
    writeFileSync(bundle, `${REPORTING_BUNDLE}\n// and a cache that is not one\n`);
    writeFileSync(codeCachePath(bundle), 'not a cache');
    expect(runBundle(bundle)).toEqual({ cacheAccepted: false });
  });

  it("the build's training run writes the server's cache, which V8 takes under production's node flags", async () => {
    const built = join(dir, 'server');
    cpSync(dirname(TEST_SERVER_BUNDLE), built, { recursive: true });
    const entry = join(built, 'server.cjs');
    const cachePath = await writeCodeCache(entry);
    expect(cachePath).toBe(codeCachePath(join(built, SERVER_BUNDLE_FILE)));
    // Start-up's functions compiled in, not only the top level: the cache is about half the source's size.
    expect(statSync(cachePath).size).toBeGreaterThan(statSync(join(built, SERVER_BUNDLE_FILE)).size / 4);

    const probe = join(dir, 'acceptance-probe.ts');
    writeFileSync(probe, ACCEPTANCE_PROBE);
    const accepted = (flags: string[]) =>
      execFileSync(process.execPath, [...flags, '--import', 'tsx', probe, join(built, SERVER_BUNDLE_FILE)], { encoding: 'utf8' }).trim();
    expect(accepted(productionNodeFlags())).toBe('accepted');
    // Other V8 flags than the build's: V8 refuses the cache rather than run code compiled for them.
    expect(accepted([])).toBe('rejected');
    expect(readFileSync(cachePath).length).toBeGreaterThan(0);
  });
});

/** Compiles the bundle as runBundle does, without running it, and says whether V8 took its cache. */
const ACCEPTANCE_PROBE = `
import { compileBundle } from ${JSON.stringify(join(ROOT, 'src', 'startup', 'bundle-loader.ts'))};
console.log(compileBundle(process.argv[2]).cacheAccepted ? 'accepted' : 'rejected');
`;
