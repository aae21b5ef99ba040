import { join } from 'node:path';

import { bundleServer } from '../scripts/build/bundle-server.js';
import { compileContract } from '../scripts/build/contract/compile-contract.js';

/**
 * Server processes in the tests run what production runs: the bundled `src/server.ts`, built
 * once per test run (about a second) into test-output/, under the package root so it finds
 * openapi.yaml the way `dist/server.cjs` does. The contract is compiled first, as `npm run
 * build` compiles it (into dist/contract/), for the in-process apps and those processes alike.
 */
export const TEST_SERVER_BUNDLE = join(import.meta.dirname, '..', 'test-output', 'server-bundle', 'server.cjs');

export default async function setup(): Promise<void> {
  await compileContract();
  await bundleServer(TEST_SERVER_BUNDLE);
}
