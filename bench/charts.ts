import { join } from 'node:path';

import type { BenchEngine } from './bench-database.js';
import { benchTargets, resultsFileName } from './bench-targets.js';
import { benchRatioChart, scaleCostChart } from './chart-specs.js';
import { RESULTS_DIR } from './paths.js';
import { renderChart } from './render-chart.js';
import type { BenchResults } from './report.js';
import type { ScaleResults } from './scale-results.js';

/** Writes `make bench`'s chart of one engine next to its JSON; returns the SVG's path. */
export async function writeBenchChart(engine: BenchEngine, results: BenchResults): Promise<string> {
  const file = join(RESULTS_DIR, resultsFileName(engine, 'svg'));
  await renderChart(benchRatioChart(results, engine, benchTargets(engine)), file);
  return file;
}

/** Writes `make bench-scale`'s chart next to scale.json; returns the SVG's path. */
export async function writeScaleChart(results: ScaleResults): Promise<string> {
  const file = join(RESULTS_DIR, 'scale.svg');
  await renderChart(scaleCostChart(results), file);
  return file;
}
