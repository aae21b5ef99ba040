// The SDK as a consumer gets it: `make sdk`'s tarball installed into a fresh project outside
// the repository (strict, exactOptionalPropertyTypes, skipLibCheck: the usual settings), whose
// code (clients/typescript/example/consumer.ts, shown in the READMEs) compiles and runs against
// a real server, as do the SDK calls of the docs page's code samples, while a wrong path,
// parameter name or body field fails tsc.
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { withCodeSamples } from '../../scripts/docs/code-samples.js';
import { buildSdkTarball } from '../../scripts/sdk/build-sdk.js';
import { contractOperations, readContract } from '../e2e/support/contract-operations.js';
import { ROOT, type RunningServer, startServer } from '../e2e/support/server-process.js';
import { mintTestToken } from '../support/test-token.js';

const run = promisify(execFile);
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
const EXAMPLE = join(ROOT, 'clients', 'typescript', 'example', 'consumer.ts');
const TYPES_NODE = (await import('../../node_modules/@types/node/package.json', { with: { type: 'json' } })).default.version;

const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  rootDir: '.',
  outDir: 'dist',
};

/** Wrong uses, each in a file of its own, with the error tsc must report for it. */
const MISUSES = [
  {
    file: 'wrong-path.ts',
    call: `await api.GET('/customer', { params: { query: { region: 'US' } } });`,
    code: 'TS2345',
    message: /Argument of type '"\/customer"' is not assignable to parameter of type 'PathsWithMethod<paths, "get">'/,
  },
  {
    file: 'wrong-parameter.ts',
    call: `await api.GET('/customers', { params: { query: { regoin: 'US' } } });`,
    code: 'TS2561',
    message: /'regoin' does not exist in type '\{ region\?: string;.*\}'\. Did you mean to write 'region'\?/,
  },
  {
    file: 'wrong-body-field.ts',
    call: `await api.POST('/customers', { body: { customer_code: 'X', name: 'X', regoin: 'EU' } });`,
    code: 'TS2561',
    message: /'regoin' does not exist in type '\{ customer_code: string; .*\}'\. Did you mean to write 'region'\?/,
  },
];

let project: string;
let server: RunningServer;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'sdk-consumer-'));
  const [tarball] = await Promise.all([
    Promise.resolve(buildSdkTarball(join(project, 'packed'))),
    startServer().then((started) => (server = started)),
  ]);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(
    join(project, 'package.json'),
    json({
      name: 'sdk-consumer',
      private: true,
      type: 'module',
      dependencies: { '@tutorial-api/client': `file:${tarball}` },
      devDependencies: { '@types/node': TYPES_NODE },
    }),
  );
  writeFileSync(join(project, 'tsconfig.json'), json({ compilerOptions: COMPILER_OPTIONS, include: ['src', 'samples'] }));
  mkdirSync(join(project, 'src'));
  copyFileSync(EXAMPLE, join(project, 'src', 'main.ts'));
  // The docs page's SDK sample of every operation, compiled with the example (not run: each
  // one names the documented server, http://127.0.0.1:8000).
  mkdirSync(join(project, 'samples'));
  const documented = withCodeSamples(readContract());
  for (const { operationId, path, method } of contractOperations(documented)) {
    const samples = documented.paths[path][method]['x-codeSamples'] as { label: string; source: string }[];
    writeFileSync(join(project, 'samples', `${operationId}.ts`), samples.find((s) => s.label === 'TypeScript SDK')!.source);
  }
  // npm's cache already holds openapi-fetch and @types/node from the repository's own install.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed SDK in a fresh consumer project', () => {
  it('when installed, brings its built code, its own types and only openapi-fetch', async () => {
    const { stdout } = await run('npm', ['ls', '--all', '--omit=dev', '--parseable'], { cwd: project });
    const installed = stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((p) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(installed.sort()).toEqual(['@tutorial-api/client', 'openapi-fetch', 'openapi-typescript-helpers']);
    const { stdout: files } = await run('find', ['.', '-type', 'f'], { cwd: join(project, 'node_modules', '@tutorial-api', 'client') });
    expect(files).toContain('./dist/openapi.d.ts');
    expect(files).toContain('./dist/index.js');
  });

  it('when the example and the docs samples compile, the example runs against a real server: it pages, creates and catches a problem', async () => {
    const compiled = spawnSync(TSC, ['-p', project], { encoding: 'utf8' });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);

    const token = await mintTestToken();
    const euBefore = (await (
      await fetch(`${server.baseUrl}/customers?region=EU&limit=500`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      customer_code: string;
    }[];
    expect(euBefore.length).toBeGreaterThan(2); // so two per page takes more than one page
    const { stdout } = await run(process.execPath, [join(project, 'dist', 'src', 'main.js')], {
      cwd: project,
      env: { ...process.env, API_URL: server.baseUrl, TOKEN: token },
    });
    const result = JSON.parse(stdout) as { euCodes: string[]; created: Record<string, unknown>; missing: string };

    expect(result.euCodes).toEqual(euBefore.map((c) => c.customer_code));
    expect(result.created).toMatchObject({ customer_code: 'SDK_DEMO', name: 'SDK Demo Ltd', region: 'EU', id: expect.any(Number) });
    expect(result.missing).toBe('404 Not Found');
  });

  it('when a path, a parameter name or a body field is wrong, tsc fails with the error for each', () => {
    mkdirSync(join(project, 'misuse'), { recursive: true });
    const header = `import { createClient } from '@tutorial-api/client';\nconst api = createClient({ baseUrl: 'http://127.0.0.1:8000' });\n`;
    for (const misuse of MISUSES) writeFileSync(join(project, 'misuse', misuse.file), `${header}${misuse.call}\n`);
    writeFileSync(
      join(project, 'tsconfig.misuse.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true, rootDir: '.' }, include: ['misuse'] }),
    );

    const checked = spawnSync(TSC, ['-p', join(project, 'tsconfig.misuse.json')], { cwd: project, encoding: 'utf8' });
    console.log(`tsc on the misuse files (expected to fail):\n${checked.stdout}`);
    expect(checked.status).toBe(2);
    const errors = checked.stdout.trim().split('\n');
    expect(errors).toHaveLength(MISUSES.length);
    for (const misuse of MISUSES) {
      const line = errors.find((e) => e.startsWith(`misuse/${misuse.file}(3,`));
      expect(line, misuse.file).toContain(`error ${misuse.code}: `);
      expect(line, misuse.file).toMatch(misuse.message);
    }
  });
});
