import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { compileContract } from '../../scripts/build/contract/compile-contract.js';
import { CompiledContractError, compiledContractPath, loadCompiledContract } from '../../src/contract/compiled-contract.js';
import { findContractPath } from '../../src/contract/contract-path.js';
import { ROOT } from '../e2e/support/server-process.js';
import { TEST_SERVER_BUNDLE } from '../global-setup.js';
import { contract } from '../support/test-app.js';

/**
 * A package of its own under test-output/ (so the bundle finds node_modules by walking up, and
 * its own openapi.yaml beside it): the production bundle, a copy of the contract and, when asked,
 * that contract compiled.
 */
function isolatedPackage(name: string): { dir: string; yaml: string; server: string } {
  const dir = join(ROOT, 'test-output', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
  const yaml = join(dir, 'openapi.yaml');
  copyFileSync(findContractPath(), yaml);
  cpSync(dirname(TEST_SERVER_BUNDLE), dir, { recursive: true });
  return { dir, yaml, server: join(dir, 'server.cjs') };
}

/** Starts the bundle in `dir` and returns how it ended (it must end by itself). */
function startUp(server: string): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [server], {
    env: { ...process.env, PORT: '0', DATABASE_URL: ':memory:', NODE_ENV: 'test', AUTH_JWT_SECRET: 'x'.repeat(40) },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('the contract compiled at build time', () => {
  const packages: string[] = [];
  afterAll(() => packages.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('when loaded, gives every operation openapi.yaml defines, with its validators and the parsed document', () => {
    const document = contract.document as unknown as { paths: Record<string, Record<string, { operationId?: string }>> };
    const inSpec = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(contract.operations.map((o) => o.operationId).sort()).toEqual(inSpec.filter(Boolean).sort());
    for (const operation of contract.operations) expect(operation.validateRequest.length).toBeGreaterThan(0);
    expect(contract.version).toBe((document as unknown as { info: { version: string } }).info.version);
  });

  describe('when the build is missing or stale', () => {
    let stale: ReturnType<typeof isolatedPackage>;
    let missing: ReturnType<typeof isolatedPackage>;

    beforeAll(async () => {
      missing = isolatedPackage('contract-build-missing');
      stale = isolatedPackage('contract-build-stale');
      packages.push(missing.dir, stale.dir);
      await compileContract(stale.yaml);
      writeFileSync(stale.yaml, readFileSync(stale.yaml, 'utf8').replace(/^(\s+version:\s*).*$/m, '$1 7.7.7'));
    });

    it('loading refuses, saying to run npm run build', async () => {
      await expect(loadCompiledContract(missing.yaml)).rejects.toThrow(CompiledContractError);
      await expect(loadCompiledContract(missing.yaml)).rejects.toThrow(/is missing; run `npm run build`/);
      await expect(loadCompiledContract(stale.yaml)).rejects.toThrow(/was built from another openapi.yaml; run `npm run build`/);
    });

    it.each(['missing', 'stale'] as const)('the server stops at start-up with one line saying to run npm run build (%s)', (which) => {
      const { status, stderr } = startUp((which === 'missing' ? missing : stale).server);
      expect(status).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^startup failed: the compiled contract .*compiled-contract\.cjs .*; run `npm run build`$/);
    });
  });

  it("when an operation's x-command-center is malformed, the build stops naming it (the server checks no extension at start-up)", async () => {
    const broken = isolatedPackage('contract-build-broken-extension');
    packages.push(broken.dir);
    writeFileSync(broken.yaml, readFileSync(broken.yaml, 'utf8').replace(/(\n\s+x-command-center:\n\s+)kind: \w+/, '$1kind: sideways'));
    await expect(compileContract(broken.yaml, join(broken.dir, 'compiled.cjs'))).rejects.toThrow(/x-command-center of \w+: .*kind/);
  });

  it('writes the compiled module where the server looks for it, beside openapi.yaml', () => {
    expect(compiledContractPath(findContractPath())).toBe(join(ROOT, 'dist', 'contract', 'compiled-contract.cjs'));
  });
});
