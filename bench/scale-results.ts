import type { BenchEngine } from './bench-database.js';
import type { ScaleCaseName } from './scale-cases.js';
import { SCALE_GROWTH_TARGET, type ScaleSize } from './scale-config.js';
import { median, round, sum } from './stats.js';
import { formatTable, mark } from './table.js';

/** One measured round of one case at one size. */
export interface ScaleRound {
  serviceCpuMicros: number;
  /** PostgreSQL backends' CPU for the service's connections; undefined on SQLite (it runs in the service). */
  databaseCpuMicros: number | undefined;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** One case at one size on one engine in `scale.json`: medians over rounds, per request. */
export interface ScaleMeasurement {
  engine: BenchEngine;
  case: ScaleCaseName;
  size: string;
  customers: number;
  years: number;
  path: string;
  /** Server CPU per request: the service's, plus PostgreSQL's for it. */
  cpu_us: number;
  service_cpu_us: number;
  database_cpu_us: number | null;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
}

/** How one case's CPU per request grew from the smallest size to the largest. */
export interface ScaleGrowth {
  engine: BenchEngine;
  case: ScaleCaseName;
  from: string;
  to: string;
  cpu_growth: number;
  ok: boolean;
}

/** The shape of `bench/results/scale.json`. */
export interface ScaleResults {
  target_growth: number;
  sizes: ScaleSize[];
  measurements: ScaleMeasurement[];
  growth: ScaleGrowth[];
}

/** A case at a size, with its rounds. */
export interface ScaleCaseRuns {
  engine: BenchEngine;
  caseName: ScaleCaseName;
  size: ScaleSize;
  path: string;
  rounds: ScaleRound[];
}

/** CPU per request of each round is taken first, then the median over rounds. */
export function scaleMeasurement(runs: ScaleCaseRuns): ScaleMeasurement {
  const perRequest = (micros: (r: ScaleRound) => number) => median(runs.rounds.map((r) => micros(r) / r.requests));
  const hasDatabase = runs.rounds.every((r) => r.databaseCpuMicros !== undefined);
  return {
    engine: runs.engine,
    case: runs.caseName,
    size: runs.size.label,
    customers: runs.size.customers,
    years: runs.size.years,
    path: runs.path,
    cpu_us: round(
      perRequest((r) => r.serviceCpuMicros + (hasDatabase ? r.databaseCpuMicros! : 0)),
      1,
    ),
    service_cpu_us: round(
      perRequest((r) => r.serviceCpuMicros),
      1,
    ),
    database_cpu_us: hasDatabase
      ? round(
          perRequest((r) => r.databaseCpuMicros!),
          1,
        )
      : null,
    rps: round(median(runs.rounds.map((r) => r.rps)), 1),
    p50_ms: round(median(runs.rounds.map((r) => r.p50Ms)), 2),
    p99_ms: round(median(runs.rounds.map((r) => r.p99Ms)), 2),
    errors: sum(runs.rounds.map((r) => r.errors)),
  };
}

/** Growth of every engine and case from its smallest measured size to its largest. */
export function scaleResults(sizes: ScaleSize[], measurements: ScaleMeasurement[]): ScaleResults {
  const growth: ScaleGrowth[] = [];
  const keys = new Set(measurements.map((m) => `${m.engine}|${m.case}`));
  for (const key of keys) {
    const points = measurements.filter((m) => `${m.engine}|${m.case}` === key).sort((a, b) => a.customers - b.customers);
    const first = points[0]!;
    const last = points[points.length - 1]!;
    const cpuGrowth = round(last.cpu_us / first.cpu_us, 2);
    growth.push({
      engine: first.engine,
      case: first.case,
      from: first.size,
      to: last.size,
      cpu_growth: cpuGrowth,
      ok: cpuGrowth <= SCALE_GROWTH_TARGET,
    });
  }
  return { target_growth: SCALE_GROWTH_TARGET, sizes, measurements, growth };
}

/** The table: one row per engine and case, CPU per request at each size, its growth, and latencies. */
export function formatScaleReport(results: ScaleResults): string {
  const labels = results.sizes.map((s) => s.label);
  const header = [
    'engine',
    'case',
    ...labels.map((l) => `CPU us ${l}`),
    'growth',
    `<=${results.target_growth}`,
    ...labels.map((l) => `p50/p99 ms ${l}`),
  ];
  const rows = results.growth.map((g) => {
    const at = (label: string) => results.measurements.find((m) => m.engine === g.engine && m.case === g.case && m.size === label);
    return [
      g.engine,
      g.case,
      ...labels.map((l) => cpuCell(at(l))),
      `${g.cpu_growth.toFixed(2)}x`,
      mark(g.ok),
      ...labels.map((l) => {
        const m = at(l);
        return m ? `${m.p50_ms}/${m.p99_ms}` : '-';
      }),
    ];
  });
  const sizes = results.sizes
    .map((s) => `${s.label} = ${s.customers.toLocaleString('en-US')} customers and ${s.years} year(s) of daily random numbers`)
    .join('; ');
  return [
    formatTable(header, rows),
    '',
    `sizes: ${sizes}`,
    'CPU us = server CPU time per request (median over rounds), read from /proc: the service process, plus on PostgreSQL the',
    "database's backends serving its connections (service + database in brackets); growth = largest size / smallest size.",
  ].join('\n');
}

function cpuCell(m: ScaleMeasurement | undefined): string {
  if (!m) return '-';
  return m.database_cpu_us === null
    ? m.cpu_us.toFixed(0)
    : `${m.cpu_us.toFixed(0)} (${m.service_cpu_us.toFixed(0)}+${m.database_cpu_us.toFixed(0)})`;
}
