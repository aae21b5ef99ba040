import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import type { BenchCase } from './bench-config.js';
import { type BenchTargets, benchTargets, p99Verdict } from './bench-targets.js';
import { type EqualLoadFigures, equalLoadFigures, type EqualLoadRuns, MAX_LATE_SEND_SHARE } from './equal-load.js';
import { LATE_SEND_MS } from './open-loop.js';
import type { LoadResult } from './run-case.js';
import { median, round, sum } from './stats.js';
import { formatTable, mark } from './table.js';

/** Every measured run of one case, service and floor, in the order they ran. */
export interface CaseRuns {
  benchCase: BenchCase;
  service: LoadResult[];
  floor: LoadResult[];
  /** The open-loop runs at equal offered load (absent when the phase was not run). */
  equalLoad?: EqualLoadRuns;
}

/**
 * One case in `latest.json`. The unprefixed figures are the closed loop's (32 connections, each
 * sending again when answered); the `equal_load_` ones come from the open-loop phase, where both
 * servers are offered the same rate, and are the figures the p99 target is judged on.
 */
export interface CaseFigures extends Partial<EqualLoadFigures> {
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
  /** The equal-load phase's offered rate as a share of each case's service_rps. */
  equal_load_fraction?: number;
  peak_rss_mb: number;
  /** Judged: the service started as production starts it (bench/launches.ts). */
  cold_start_ms: number;
  /** Printed, not judged: the same start with this host's NODE_EXTRA_CA_CERTS, when it sets one. */
  cold_start_with_host_extra_ca_certs_ms?: number;
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
    ...(runs.equalLoad ? equalLoadFigures(runs.equalLoad) : {}),
  };
}

/** Builds the results document. */
export function benchResults(
  runs: CaseRuns[],
  peakRssMb: number,
  coldStartMs: number,
  equalLoadFraction?: number,
  coldStartWithHostExtraCaCertsMs?: number,
): BenchResults {
  return {
    cases: runs.map(caseFigures),
    ...(equalLoadFraction === undefined ? {} : { equal_load_fraction: equalLoadFraction }),
    peak_rss_mb: round(peakRssMb, 1),
    cold_start_ms: round(coldStartMs, 1),
    ...(coldStartWithHostExtraCaCertsMs === undefined
      ? {}
      : { cold_start_with_host_extra_ca_certs_ms: round(coldStartWithHostExtraCaCertsMs, 1) }),
  };
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

/**
 * The p99 a case is judged on, with the floor's beside it: at equal offered load when that
 * phase ran (results before it had only the closed loop's).
 */
export function judgedP99(figures: CaseFigures): { p99Ms: number; floorP99Ms: number; equalLoad: boolean } {
  return figures.equal_load_p99_ms !== undefined && figures.equal_load_floor_p99_ms !== undefined
    ? { p99Ms: figures.equal_load_p99_ms, floorP99Ms: figures.equal_load_floor_p99_ms, equalLoad: true }
    : { p99Ms: figures.p99_ms, floorP99Ms: figures.floor_p99_ms, equalLoad: false };
}

/** The human-readable summary, with each figure checked against the targets. */
export function formatReport(runs: CaseRuns[], results: BenchResults, targets: BenchTargets = benchTargets('sqlite')): string {
  const equalLoad = results.cases.every((c) => judgedP99(c).equalLoad);
  const header = [
    'case',
    'service req/s',
    'floor req/s',
    'ratio',
    'target',
    'p50 ms',
    'p99 ms',
    'floor p50/p99 ms',
    'errors',
    'floor errors',
    ...(equalLoad ? ['equal load req/s', 'p99 ms service/floor at equal load'] : []),
  ];
  const rows = runs.map((run, i) => {
    const figures = results.cases[i]!;
    const target = targets.ratio[figures.name];
    const judged = judgedP99(figures);
    const p99Mark = mark(p99Verdict(targets, judged.p99Ms, judged.floorP99Ms).ok);
    return [
      figures.name,
      figures.service_rps.toFixed(0),
      figures.floor_rps.toFixed(0),
      `${figures.ratio.toFixed(3)}x`,
      `>=${target} ${mark(figures.ratio >= target)}`,
      figures.p50_ms.toString(),
      equalLoad ? figures.p99_ms.toString() : `${figures.p99_ms} ${p99Mark}`,
      `${figures.floor_p50_ms}/${figures.floor_p99_ms}`,
      figures.errors.toString(),
      sum(run.floor.map((r) => r.errors)).toString(),
      ...(equalLoad ? [String(figures.equal_load_rps), `${judged.p99Ms.toFixed(2)}/${judged.floorP99Ms.toFixed(2)} ${p99Mark}`] : []),
    ];
  });
  const bound = 'belowMs' in targets.p99 ? `< ${targets.p99.belowMs} ms` : `<= ${targets.p99.floorMultiple} x the floor's p99`;
  return [
    formatTable(header, rows),
    '',
    "ratio target: judged on the closed loop's req/s (median over rounds of service req/s / floor req/s in the same round).",
    equalLoad
      ? `p99 target (${bound}): judged on the p99 at equal offered load (open loop, both servers at the same req/s; table below). ` +
        "p50/p99 and floor p50/p99 are the closed loop's (medians over rounds), printed for comparison, not judged."
      : `p99 target (${bound}): judged on the closed loop's p99 (median over rounds).`,
    `peak RSS of the service under load: ${results.peak_rss_mb} MB (target < ${targets.peakRssMb}) ${mark(results.peak_rss_mb < targets.peakRssMb)}`,
    `cold start (spawn to first 200 on /health, median): ${results.cold_start_ms} ms (target < ${targets.coldStartMs}) ${mark(results.cold_start_ms < targets.coldStartMs)}`,
    ...(results.cold_start_with_host_extra_ca_certs_ms === undefined
      ? []
      : [
          `cold start with this host's NODE_EXTRA_CA_CERTS, which Node parses before the service's first line (median, not judged): ` +
            `${results.cold_start_with_host_extra_ca_certs_ms} ms`,
        ]),
  ].join('\n');
}

/** The equal-load table: both sides' p50, p99 and p99.9 at the rate they were both offered. */
export function formatEqualLoad(results: BenchResults, targets: BenchTargets, fraction: number): string {
  const header = [
    'case',
    'offered req/s',
    'service p50/p99/p99.9 ms',
    'floor p50/p99/p99.9 ms',
    'p99 service / floor',
    'p99 target',
    'CPU cores service/floor',
    'errors',
    'void rounds',
  ];
  const ms = (...values: (number | undefined)[]) => values.map((v) => (v ?? Number.NaN).toFixed(2)).join('/');
  const rows = results.cases.map((c) => {
    const judged = judgedP99(c);
    const verdict = p99Verdict(targets, judged.p99Ms, judged.floorP99Ms);
    return [
      c.name,
      String(c.equal_load_rps ?? ''),
      ms(c.equal_load_p50_ms, c.equal_load_p99_ms, c.equal_load_p999_ms),
      ms(c.equal_load_floor_p50_ms, c.equal_load_floor_p99_ms, c.equal_load_floor_p999_ms),
      `${(judged.p99Ms / judged.floorP99Ms).toFixed(2)}x`,
      `<= ${verdict.boundMs.toFixed(2)} ms ${mark(verdict.ok)}`,
      c.equal_load_cpu_cores === undefined
        ? ''
        : `${c.equal_load_cpu_cores.toFixed(2)}/${(c.equal_load_floor_cpu_cores ?? Number.NaN).toFixed(2)}`,
      String(c.equal_load_errors ?? ''),
      c.equal_load_void_rounds === undefined
        ? ''
        : `${c.equal_load_void_rounds}${c.equal_load_judged_on_void_rounds ? ' (no round kept the schedule; judged on them all)' : ''}`,
    ];
  });
  return [
    formatTable(header, rows),
    '',
    `${equalLoadRateText(results, fraction, 'report')}, sent to the service and the floor in turn in slices of a fraction of a second, so both are loaded at the same rate under the same machine conditions;`,
    'latency runs from when a request was due, so a server that falls behind is charged for its queue; medians over rounds.',
    "CPU cores: each server's CPU time over the time it was sent to (1.00 = one core busy throughout; GC threads count too).",
    `void rounds: rounds left out (each run again, up to BENCH_EQUAL_LOAD_EXTRA_ROUNDS times) because the client sent more than ${(MAX_LATE_SEND_SHARE * 100).toFixed(1)}% of a side's requests over ${LATE_SEND_MS} ms late (a stall of the machine, not of a server).`,
  ].join('\n');
}

/**
 * How the equal-load rate was chosen, as the results record it: in full for the equal-load
 * table's notes (`'report'`), or in short for the chart's subtitle (`'chart'`). `fraction` is
 * where the calibration started, a share of the service's median closed-loop req/s.
 */
export function equalLoadRateText(results: BenchResults, fraction: number, form: 'report' | 'chart'): string {
  const target = results.cases.find((c) => c.equal_load_service_cpu_target !== undefined)?.equal_load_service_cpu_target;
  const percent = Math.round(fraction * 100);
  if (form === 'chart')
    return target === undefined
      ? `${percent}% of the service's closed-loop req/s`
      : `the rate that keeps the service ${target.toFixed(2)} cores busy`;
  if (target === undefined)
    return `equal load: one open-loop schedule at ${percent}% of the service's median closed-loop req/s in this run`;
  return (
    `equal load: one open-loop schedule at the rate that keeps the service's process ${target.toFixed(2)} cores busy ` +
    `(found on the service alone from ${percent}% of its median closed-loop req/s, scaled by the CPU it measured; bench/equal-load-rate.ts)`
  );
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
