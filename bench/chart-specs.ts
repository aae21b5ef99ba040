import type { BenchEngine } from './bench-database.js';
import type { BenchTargets } from './bench-targets.js';
import { type BenchResults, equalLoadRateText, judgedP99 } from './report.js';
import type { ScaleResults } from './scale-results.js';

/** A Vega-Lite specification (https://vega.github.io/vega-lite/), as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>;

const ENGINE_NAMES: Record<BenchEngine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const FONT = 'Helvetica, Arial, sans-serif';
const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' },
};

/**
 * `make bench`'s chart: the service/floor req/s ratio of each case as a bar, the issue's target
 * as a tick across it, and the service's and floor's p99 under each bar's label.
 */
export function benchRatioChart(results: BenchResults, engine: BenchEngine, targets: BenchTargets): VegaLiteSpec {
  const values = results.cases.map((c) => ({
    case: c.name,
    ratio: c.ratio,
    target: targets.ratio[c.name],
    met: c.ratio >= targets.ratio[c.name] ? 'ratio meets its target' : 'ratio misses its target',
    label: `${c.ratio.toFixed(2)}x`,
    p99: p99Label(c),
  }));
  const x = { field: 'case', type: 'nominal', sort: null, title: null, axis: { labelAngle: 0, labelFontSize: 12 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `make bench on ${ENGINE_NAMES[engine]}: service req/s as a share of the bare node:http floor's`,
      subtitle: [
        `median over rounds; the tick is each case's target; under each case its p99 against the floor's (target: ${p99Target(targets)})`,
        ...(results.cases.every((c) => judgedP99(c).equalLoad)
          ? [
              `p99 at equal load: both servers driven open-loop at the same req/s, ${equalLoadRateText(results, results.equal_load_fraction ?? 0.5, 'chart')}`,
            ]
          : []),
        `cold start ${results.cold_start_ms} ms, peak RSS ${results.peak_rss_mb} MB`,
      ],
    },
    width: 720,
    height: 260,
    data: { values },
    encoding: { x },
    layer: [
      {
        mark: { type: 'bar', width: 70 },
        encoding: {
          y: {
            field: 'ratio',
            type: 'quantitative',
            title: 'service / floor req/s',
            scale: { domain: [0, Math.max(1.2, ...values.map((v) => v.ratio))] },
          },
          color: {
            field: 'met',
            type: 'nominal',
            title: null,
            scale: { domain: ['ratio meets its target', 'ratio misses its target'], range: ['#4c78a8', '#e45756'] },
            legend: { orient: 'top-right', labelLimit: 240 },
          },
        },
      },
      { mark: { type: 'tick', thickness: 3, size: 90, color: '#222' }, encoding: { y: { field: 'target', type: 'quantitative' } } },
      { mark: { type: 'text', dy: -8, fontSize: 12 }, encoding: { y: { field: 'ratio', type: 'quantitative' }, text: { field: 'label' } } },
      { mark: { type: 'text', y: 'height', dy: 32, fontSize: 10, color: '#555' }, encoding: { text: { field: 'p99' } } },
    ],
    config: CONFIG,
  };
}

/**
 * `make bench-scale`'s chart: server CPU per request against table size, one small panel per
 * case (each with its own scale, from zero) and one line per engine in it.
 */
export function scaleCostChart(results: ScaleResults): VegaLiteSpec {
  const sizeLabels = results.sizes.map((s) => sizeLabel(s.label, s.years));
  const values = results.measurements.map((m) => {
    const growth = results.growth.find((g) => g.engine === m.engine && g.case === m.case && g.to === m.size);
    return {
      case: m.case,
      engine: ENGINE_NAMES[m.engine],
      size: sizeLabel(m.size, m.years),
      cpu_us: m.cpu_us,
      // The growth is written at the end of its line, in the line's colour.
      growth: growth ? `${growth.cpu_growth.toFixed(2)}x${growth.ok ? '' : ' !'}` : null,
    };
  });
  const color = {
    field: 'engine',
    type: 'nominal',
    title: 'engine',
    scale: { domain: ['SQLite', 'PostgreSQL'], range: ['#4c78a8', '#f58518'] },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'make bench-scale: server CPU time per request as the tables grow',
      subtitle: [
        'the service process, plus on PostgreSQL its database backends; median over rounds',
        `at each line's end: growth from the smallest size to the largest (target: at most ${results.target_growth}x; ! marks a miss)`,
      ],
    },
    data: { values },
    facet: {
      field: 'case',
      type: 'nominal',
      title: null,
      sort: [...new Set(values.map((v) => v.case))],
      header: { labelFontSize: 13, labelFontWeight: 'bold' },
    },
    columns: 2,
    spec: {
      width: 300,
      height: 170,
      encoding: {
        x: { field: 'size', type: 'ordinal', sort: sizeLabels, title: 'customers / years of daily numbers', axis: { labelAngle: 0 } },
        y: { field: 'cpu_us', type: 'quantitative', title: 'CPU µs per request', scale: { zero: true } },
        color,
      },
      layer: [
        { mark: { type: 'line', point: { size: 50 }, strokeWidth: 2 } },
        {
          transform: [{ filter: 'datum.growth !== null' }],
          mark: { type: 'text', align: 'left', dx: 8, fontSize: 11, fontWeight: 'bold' },
          encoding: { text: { field: 'growth' } },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
    config: CONFIG,
  };
}

/** The p99 the target is judged on, against the floor's; results written before the floor's latencies were recorded have only the service's. */
function p99Label(c: BenchResults['cases'][number]): string {
  const judged = judgedP99(c);
  const what = judged.equalLoad ? 'p99 at equal load' : 'p99';
  if (c.floor_p99_ms === undefined) return `${what} ${judged.p99Ms} ms`;
  return `${what} ${judged.p99Ms} ms = ${(judged.p99Ms / judged.floorP99Ms).toFixed(1)}x the floor's`;
}

function p99Target(targets: BenchTargets): string {
  return 'belowMs' in targets.p99 ? `under ${targets.p99.belowMs} ms` : `at most ${targets.p99.floorMultiple}x`;
}

function sizeLabel(label: string, years: number): string {
  return `${label} / ${years} y`;
}
