import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/ sits directly under it). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the benchmark keeps its database (gitignored). */
export const DATA_DIR = join(ROOT, 'bench', '.data');

/** Where results and CPU profiles are written. */
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

/** The production bundle's entry point, built by `make build`. */
export const SERVER_ENTRY = join(ROOT, 'dist', 'server.cjs');
/** The same server unbundled (tsc's output): profiles taken on it name each function's package. */
export const UNBUNDLED_SERVER_ENTRY = join(ROOT, 'dist', 'src', 'server.js');

/** A compiled CLI of the service, e.g. `cliEntry('migrate')`. */
export function cliEntry(name: string): string {
  return join(ROOT, 'dist', 'src', 'cli', `${name}.js`);
}
