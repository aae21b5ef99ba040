import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { VegaLiteSpec } from './chart-specs.js';
import { ROOT } from './paths.js';

/** Where `make bench-charts-deps` installs vega and vega-lite (bench/charts/package.json, its own lock). */
const CHARTS_PACKAGE = join(ROOT, 'bench', 'charts');

/** The parts of vega and vega-lite this file calls (their own types live in that separate install). */
interface Vega {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: 'none' }) => { toSVG(): Promise<string>; finalize(): void };
}
interface VegaLite {
  compile(spec: unknown): { spec: unknown };
}

/**
 * Renders a Vega-Lite specification to SVG with vega's headless view (no canvas, no browser)
 * and writes it to `file`. The libraries are loaded from bench/charts, which `make bench` and
 * `make bench-scale` install; without them this says how to get them.
 */
export async function renderChart(spec: VegaLiteSpec, file: string): Promise<void> {
  if (!existsSync(join(CHARTS_PACKAGE, 'node_modules'))) {
    throw new Error(`the charting library is not installed: run \`make bench-charts-deps\` (npm ci in ${CHARTS_PACKAGE})`);
  }
  const load = createRequire(join(CHARTS_PACKAGE, 'package.json'));
  const vega = (await import(pathToFileURL(load.resolve('vega')).href)) as Vega;
  const vegaLite = (await import(pathToFileURL(load.resolve('vega-lite')).href)) as VegaLite;
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    writeFileSync(file, `${await view.toSVG()}\n`);
  } finally {
    view.finalize();
  }
}
