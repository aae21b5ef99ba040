/** How a fuzz run is configured from the environment. */
export interface FuzzSettings {
  /** FUZZ_SEED: fast-check's seed; the same seed replays the same requests. */
  seed: number;
  /** FUZZ_RUNS: property runs over all operations (each run sends one request as each of the four callers). */
  runs: number;
  /** FUZZ_PATH: fast-check's counterexample path, to replay one failure (with `-t <operationId>` on contract-fuzz.test.ts). */
  path: string | undefined;
}

/** Default seed: fixed, so `make test` is reproducible; vary it with FUZZ_SEED to explore. */
export const DEFAULT_SEED = 42;

/** Default runs: 600 runs x 4 callers = 2,400 requests per `make test`. */
export const DEFAULT_RUNS = 600;

/** Every operation gets at least this many runs, however many operations share FUZZ_RUNS. */
export const MIN_RUNS_PER_OPERATION = 12;

/** Reads FUZZ_SEED, FUZZ_RUNS and FUZZ_PATH, refusing values that are not what they should be. */
export function fuzzSettings(env: Record<string, string | undefined> = process.env): FuzzSettings {
  return {
    seed: integer(env, 'FUZZ_SEED', DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1),
    runs: integer(env, 'FUZZ_RUNS', DEFAULT_RUNS, 1, 1_000_000),
    path: env.FUZZ_PATH?.trim() || undefined,
  };
}

/** Runs for each of `operationCount` operations so that together they make at least `settings.runs`. */
export function runsPerOperation(settings: FuzzSettings, operationCount: number): number {
  return Math.max(MIN_RUNS_PER_OPERATION, Math.ceil(settings.runs / Math.max(1, operationCount)));
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}
