import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { resultsFileName } from './bench-targets.js';
import { writeBenchChart, writeScaleChart } from './charts.js';
import { RESULTS_DIR, ROOT } from './paths.js';
import type { BenchResults } from './report.js';
import type { ScaleResults } from './scale-results.js';

/** `make bench-charts`: draws every chart again from the results already in bench/results (after a change to the charts). */
async function main(): Promise<void> {
  const read = <T>(name: string): T | undefined => {
    const file = join(RESULTS_DIR, name);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  };
  const written: string[] = [];
  for (const engine of ['sqlite', 'postgres'] as const) {
    const results = read<BenchResults>(resultsFileName(engine));
    if (results) written.push(await writeBenchChart(engine, results));
  }
  const scale = read<ScaleResults>('scale.json');
  if (scale) written.push(await writeScaleChart(scale));
  console.log(written.length > 0 ? `wrote ${written.map((f) => relative(ROOT, f)).join(', ')}` : 'no results to chart in bench/results');
}

main().catch((error: unknown) => {
  console.error(`charts failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
