import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import type { BenchCase } from './bench-config.js';
import { type BenchTargets, benchTargets, p99Verdict } from './bench-targets.js';
import type { LoadResult } from './run-case.js';
import { median, round, sum } from './stats.js';
import { formatTable, mark } from './table.js';

/** Every measured run of one case, service and floor, in the order they ran. */
export interface CaseRuns {
  benchCase: BenchCase;
  service: LoadResult[];
  floor: LoadResult[];
}

/** One case in `latest.json`. */
export interface CaseFigures {
  name: BenchCase['name'];
  path: string;
  service_rps: number;
  floor_rps: number;
  ratio: number;
  p50_ms: number;
  p99_ms: number;
  /** The floor's latencies in the same rounds: the p99 target is relative to them. */
  floor_p50_ms: number;
  floor_p99_ms: number;
  errors: number;
}

/** The shape of `bench/results/latest.json`. */
export interface BenchResults {
  cases: CaseFigures[];
  peak_rss_mb: number;
  cold_start_ms: number;
}

/** Medians over rounds: rps of each side, the per-round ratios, the service's latencies; errors summed. */
export function caseFigures(runs: CaseRuns): CaseFigures {
  const ratios = runs.service.map((s, i) => s.rps / runs.floor[i]!.rps);
  return {
    name: runs.benchCase.name,
    path: runs.benchCase.path,
    service_rps: round(median(runs.service.map((r) => r.rps)), 1),
    floor_rps: round(median(runs.floor.map((r) => r.rps)), 1),
    ratio: round(median(ratios), 3),
    p50_ms: round(median(runs.service.map((r) => r.p50Ms)), 2),
    p99_ms: round(median(runs.service.map((r) => r.p99Ms)), 2),
    floor_p50_ms: round(median(runs.floor.map((r) => r.p50Ms)), 2),
    floor_p99_ms: round(median(runs.floor.map((r) => r.p99Ms)), 2),
    errors: sum(runs.service.map((r) => r.errors)),
  };
}

/** Builds the results document. */
export function benchResults(runs: CaseRuns[], peakRssMb: number, coldStartMs: number): BenchResults {
  return { cases: runs.map(caseFigures), peak_rss_mb: round(peakRssMb, 1), cold_start_ms: round(coldStartMs, 1) };
}

/** Writes a results document (the bench's or the soak's) as pretty JSON; arrays of numbers stay on one line. */
export function writeResults(file: string, results: object): void {
  mkdirSync(dirname(file), { recursive: true });
  const text = JSON.stringify(results, null, 2).replace(
    /\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g,
    (_all, items: string) => `[${items.split(/,\s+/).join(', ')}]`,
  );
  writeFileSync(file, `${text}\n`);
}

/** The human-readable summary, with each figure checked against the issue's targets. */
export function formatReport(runs: CaseRuns[], results: BenchResults, targets: BenchTargets = benchTargets('sqlite')): string {
  const header = [
    'case',
    'service req/s',
    'floor req/s',
    'ratio',
    'target',
    'p50 ms',
    'p99 ms',
    'errors',
    'floor p50/p99 ms',
    'floor errors',
  ];
  const rows = runs.map((run, i) => {
    const figures = results.cases[i]!;
    const target = targets.ratio[figures.name];
    return [
      figures.name,
      figures.service_rps.toFixed(0),
      figures.floor_rps.toFixed(0),
      `${figures.ratio.toFixed(3)}x`,
      `>=${target} ${mark(figures.ratio >= target)}`,
      figures.p50_ms.toString(),
      `${figures.p99_ms} ${mark(p99Verdict(targets, figures.p99_ms, figures.floor_p99_ms).ok)}`,
      figures.errors.toString(),
      `${figures.floor_p50_ms}/${figures.floor_p99_ms}`,
      sum(run.floor.map((r) => r.errors)).toString(),
    ];
  });
  return [
    formatTable(header, rows),
    '',
    `ratio = median over rounds of service req/s / floor req/s in the same round; p50/p99 = service, median over rounds (p99 target ${'belowMs' in targets.p99 ? `< ${targets.p99.belowMs} ms` : `<= ${targets.p99.floorMultiple} x the floor's p99`})`,
    `peak RSS of the service under load: ${results.peak_rss_mb} MB (target < ${targets.peakRssMb}) ${mark(results.peak_rss_mb < targets.peakRssMb)}`,
    `cold start (spawn to first 200 on /health, median): ${results.cold_start_ms} ms (target < ${targets.coldStartMs}) ${mark(results.cold_start_ms < targets.coldStartMs)}`,
  ].join('\n');
}

/** One run's figures on one line, printed as the benchmark goes. */
export function formatRun(label: string, result: LoadResult): string {
  const codes = Object.entries(result.statusCodes)
    .map(([code, count]) => `${code}x${count}`)
    .join(' ');
  const kinds = Object.entries(result.errorKinds)
    .map(([message, count]) => ` ${message} x${count}`)
    .join(';');
  return `${label.padEnd(34)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  errors ${result.errors}  [${codes}]${kinds}`;
}
