import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The node flags production starts the service with, from package.json `config.nodeFlags` (what `npm start` and `make run` pass). */
export function productionNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { config?: { nodeFlags?: string } };
  return (manifest.config?.nodeFlags ?? '').split(/\s+/).filter(Boolean);
}
