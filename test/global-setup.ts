import { join } from 'node:path';
import { bundleServer } from '../scripts/build/bundle-server.js';

/**
 * Server processes in the tests run what production runs: the bundled `src/server.ts`, built
 * once per test run (about a second) into test-output/, under the package root so it finds
 * openapi.yaml the way `dist/server.mjs` does.
 */
export const TEST_SERVER_BUNDLE = join(import.meta.dirname, '..', 'test-output', 'server-bundle', 'server.mjs');

export default async function setup(): Promise<void> {
  await bundleServer(TEST_SERVER_BUNDLE);
}
