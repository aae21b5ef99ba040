// The docs page's code samples (scripts/docs/code-samples.ts): one curl line and one SDK call for
// every operation of openapi.yaml, with a token exactly where the contract asks for one, and every
// curl line, pasted into a shell with $TOKEN set, is answered by a real server as documented.
// (The SDK calls are compiled against the packed SDK by test/sdk/pack-and-consume.test.ts.)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { withCodeSamples } from '../../scripts/docs/code-samples.js';
import { contractOperations, readContract } from '../e2e/support/contract-operations.js';
import { type RunningServer, startServer } from '../e2e/support/server-process.js';
import { mintTestToken } from '../support/test-token.js';

const run = promisify(execFile);
const contract = readContract();
const documented = withCodeSamples(contract);
const operations = contractOperations(contract).map((o) => {
  const operation = documented.paths[o.path][o.method];
  const secured = ((operation.security ?? contract.security ?? []) as object[]).some((r) => Object.keys(r).length > 0);
  const [curl, sdk] = operation['x-codeSamples'] as { lang: string; label: string; source: string }[];
  return { ...o, operation, secured, curl: curl!, sdk: sdk! };
});

describe('x-codeSamples', () => {
  it('when the docs are built, the contract itself is left as it was', () => {
    expect(contract.paths['/customers'].get['x-codeSamples']).toBeUndefined();
  });

  it.each(operations)('when $operationId is documented, it has a curl line and an SDK call, with a token only if it is secured', (op) => {
    expect(op.operation['x-codeSamples']).toHaveLength(2);
    expect(op.curl).toMatchObject({ label: 'curl', lang: 'Shell' });
    expect(op.sdk).toMatchObject({ label: 'TypeScript SDK', lang: 'TypeScript' });
    expect(op.curl.source).toMatch(new RegExp(`^curl (-X ${op.method.toUpperCase()} )?"http://127\\.0\\.0\\.1:8000/`));
    expect(op.curl.source.includes('-H "Authorization: Bearer $TOKEN"')).toBe(op.secured);
    expect(op.sdk.source).toContain(`await api.${op.method.toUpperCase()}('${op.path}'`);
    expect(op.sdk.source.includes('token: process.env.TOKEN')).toBe(op.secured);
  });

  it('when an operation needs a parameter the contract gives no example for, the build fails naming both', () => {
    const broken = structuredClone(contract);
    delete broken.components.parameters.StartDate.example;
    delete broken.components.parameters.StartDate.schema.examples;
    expect(() => withCodeSamples(broken)).toThrow('getRandomNumbers: required parameter start_date has no example');
  });
});

describe('the curl samples against a real server', () => {
  let server: RunningServer;
  let token: string;
  beforeAll(async () => {
    [server, token] = await Promise.all([startServer(), mintTestToken()]);
  });
  afterAll(() => server?.stop());

  it.each(operations)('when the $operationId sample is run in a shell, the server answers it as documented', async (op) => {
    const command = `${op.curl.source.replace('http://127.0.0.1:8000', server.baseUrl)} -s -o /dev/null -w '%{http_code}'`;
    const { stdout } = await run('sh', ['-c', command], { env: { PATH: process.env.PATH, TOKEN: token } });
    const status = Number(stdout);
    expect(Object.keys(op.operation.responses)).toContain(String(status));
    // The create's example customer (DELTA) is seed data, so that well-formed call meets a 409.
    expect(status < 400 || (op.operationId === 'createCustomer' && status === 409), `${command} -> ${status}`).toBe(true);
  });
});
