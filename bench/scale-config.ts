import { positiveSetting } from './bench-config.js';
import type { BenchEngine } from './bench-database.js';

/** One table size of `make bench-scale`. */
export interface ScaleSize {
  label: string;
  customers: number;
  /** Years of daily random numbers the series holds. */
  years: number;
}

/** The sizes issue 19 names, smallest first. */
export const SCALE_SIZES: readonly ScaleSize[] = [
  { label: '10k', customers: 10_000, years: 1 },
  { label: '100k', customers: 100_000, years: 10 },
  { label: '1M', customers: 1_000_000, years: 30 },
];

/** From the smallest size to the largest, CPU per request may grow by at most this factor. */
export const SCALE_GROWTH_TARGET = 1.3;

/** Customer codes are `BENCH` and seven digits at every size, so one code format serves them all. */
export const SCALE_CODE_DIGITS = 7;

/** How `make bench-scale` loads each case; every figure can be overridden by environment. */
export interface ScaleSettings {
  engines: BenchEngine[];
  sizes: ScaleSize[];
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Rounds per case; each round loads every size once, in an order that rotates. */
  rounds: number;
}

/**
 * BENCH_SCALE_ENGINES (`sqlite,postgres`), BENCH_SCALE_SIZES (labels, e.g. `10k,100k`),
 * BENCH_CONNECTIONS (32), BENCH_SCALE_WARMUP (2), BENCH_SCALE_DURATION (5), BENCH_SCALE_ROUNDS (3).
 */
export function loadScaleSettings(env: Record<string, string | undefined> = process.env): ScaleSettings {
  const engines = list(env, 'BENCH_SCALE_ENGINES', ['sqlite', 'postgres']);
  for (const engine of engines) {
    if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`BENCH_SCALE_ENGINES: unknown engine ${JSON.stringify(engine)}`);
  }
  const labels = list(
    env,
    'BENCH_SCALE_SIZES',
    SCALE_SIZES.map((s) => s.label),
  );
  const sizes = labels.map((label) => {
    const size = SCALE_SIZES.find((s) => s.label === label);
    if (!size)
      throw new Error(`BENCH_SCALE_SIZES: unknown size ${JSON.stringify(label)}; one of ${SCALE_SIZES.map((s) => s.label).join(', ')}`);
    return size;
  });
  return {
    engines: engines as BenchEngine[],
    sizes,
    connections: positiveSetting(env, 'BENCH_CONNECTIONS', 32),
    warmupSeconds: positiveSetting(env, 'BENCH_SCALE_WARMUP', 2),
    durationSeconds: positiveSetting(env, 'BENCH_SCALE_DURATION', 5),
    rounds: positiveSetting(env, 'BENCH_SCALE_ROUNDS', 3),
  };
}

function list(env: Record<string, string | undefined>, name: string, fallback: string[]): string[] {
  const raw = env[name]?.trim();
  return raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : fallback;
}
