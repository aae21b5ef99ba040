/** One load case: a name for the report and the path (with query) both servers answer. */
export interface BenchCase {
  name: 'health' | 'customers' | 'random_numbers' | 'widgets_customers';
  path: string;
}

/** How hard and how long each case is loaded; every figure can be overridden by environment. */
export interface BenchSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Service/floor pairs per case; the report quotes medians over them. */
  rounds: number;
  /** Fresh service processes started to measure cold start. */
  coldStarts: number;
  /** LOG_LEVEL of the service under load (its production default is `info`). */
  serviceLogLevel: string;
}

/** What `make bench` holds the service to (issue 21). */
export const TARGETS = {
  ratio: { health: 0.3, customers: 0.55, random_numbers: 1.0, widgets_customers: 0.55 } as Record<BenchCase['name'], number>,
  /** A case's p99 may be at most this many times the floor's p99 in the same run. */
  p99OfFloorP99: 1.5,
  peakRssMb: 150,
  coldStartMs: 300,
} as const;

/** The dataset `prepare-db` builds. */
export const DATASET = {
  customers: 10_000,
  regions: ['US', 'EU', 'APAC', 'LATAM'],
  /** RANDOM_NUMBERS_DAYS_BACK for the launcher: today and the 2,999 days before it. */
  daysBack: 2_999,
  projectId: 'bench',
} as const;

/** The four cases; the random-number year is last calendar year, always inside the 3,000 days. */
export function benchCases(today = new Date()): BenchCase[] {
  const year = today.getUTCFullYear() - 1;
  return [
    { name: 'health', path: '/health' },
    { name: 'customers', path: '/customers?region=US&limit=50' },
    { name: 'random_numbers', path: `/random-numbers?start_date=${year}-01-01&end_date=${year}-12-31` },
    { name: 'widgets_customers', path: '/widgets/customers?region=US&limit=50' },
  ];
}

/** Reads BENCH_* overrides (BENCH_CONNECTIONS, BENCH_WARMUP, BENCH_DURATION, BENCH_ROUNDS, ...). */
export function loadBenchSettings(env: Record<string, string | undefined> = process.env): BenchSettings {
  return {
    connections: positiveSetting(env, 'BENCH_CONNECTIONS', 32),
    warmupSeconds: positiveSetting(env, 'BENCH_WARMUP', 3),
    durationSeconds: positiveSetting(env, 'BENCH_DURATION', 10),
    rounds: positiveSetting(env, 'BENCH_ROUNDS', 3),
    coldStarts: positiveSetting(env, 'BENCH_COLD_STARTS', 9),
    serviceLogLevel: env.BENCH_LOG_LEVEL?.trim() || 'info',
  };
}

/** A positive integer setting from `env[name]`, `fallback` when unset; throws naming the variable otherwise. */
export function positiveSetting(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** A share in (0, 1] from `env[name]`, `fallback` when unset; throws naming the variable otherwise. */
export function shareSetting(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  const value = raw ? Number(raw) : fallback;
  if (!(value > 0 && value <= 1)) throw new Error(`${name} must be a number above 0 and at most 1, got ${JSON.stringify(raw)}`);
  return value;
}

/** An integer of 0 or more from `env[name]`, `fallback` when unset; throws naming the variable otherwise. */
export function countSetting(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer of 0 or more, got ${JSON.stringify(raw)}`);
  return value;
}
