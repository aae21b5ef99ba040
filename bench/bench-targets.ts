import { type BenchCase, TARGETS } from './bench-config.js';
import type { BenchEngine } from './bench-database.js';

/** What one engine's `make bench` holds the service to. */
export interface BenchTargets {
  ratio: Record<BenchCase['name'], number>;
  /** Each case's p99: below a fixed bound, or at most a multiple of the floor's p99 on the same case. */
  p99: { belowMs: number } | { floorMultiple: number };
  peakRssMb: number;
  coldStartMs: number;
}

/**
 * SQLite: issue 21's targets (the p99 judged against the floor's in the same run). PostgreSQL
 * (issue 19): the database's own work is shared by both servers, so the ratios are higher.
 */
export function benchTargets(engine: BenchEngine): BenchTargets {
  if (engine === 'sqlite') {
    return {
      ratio: TARGETS.ratio,
      p99: { floorMultiple: TARGETS.p99OfFloorP99 },
      peakRssMb: TARGETS.peakRssMb,
      coldStartMs: TARGETS.coldStartMs,
    };
  }
  return {
    ratio: { health: TARGETS.ratio.health, customers: 0.6, random_numbers: 0.9, widgets_customers: 0.6 },
    p99: { floorMultiple: 1.5 },
    peakRssMb: TARGETS.peakRssMb,
    coldStartMs: TARGETS.coldStartMs,
  };
}

/** Whether a case's p99 meets the target, and the bound it was held to, in ms. */
export function p99Verdict(targets: BenchTargets, p99Ms: number, floorP99Ms: number): { ok: boolean; boundMs: number } {
  const boundMs = 'belowMs' in targets.p99 ? targets.p99.belowMs : targets.p99.floorMultiple * floorP99Ms;
  return { ok: 'belowMs' in targets.p99 ? p99Ms < boundMs : p99Ms <= boundMs, boundMs };
}

/** `latest.json` for SQLite (as before), `latest-<engine>.json` for the others; the SVG chart sits next to it. */
export function resultsFileName(engine: BenchEngine, extension: 'json' | 'svg' | 'txt' = 'json'): string {
  return engine === 'sqlite' ? `latest.${extension}` : `latest-${engine}.${extension}`;
}
