import { type OpenLoopJob, runOpenLoopJobApart } from './open-loop-job.js';

/** What the calibration tried, and the rate it chose. */
export interface RateCalibration {
  /** The rate tried and the service's CPU at it, in cores, per step. */
  steps: { rate: number; cores: number }[];
  rate: number;
}

/** Calibration steps, and seconds per step (the first of them is the open loop's settling second). */
const STEPS = 2;
const STEP_SECONDS = 3;

/**
 * The next rate to try: `rate` scaled by how far `cores` is from `targetCores`, at most
 * `ceiling` (the service's closed-loop req/s) and at least 1. When the CPU could not be read,
 * `rate` as it is.
 */
export function scaledRate(rate: number, cores: number, targetCores: number, ceiling: number): number {
  if (!(cores > 0) || !Number.isFinite(cores)) return rate;
  return Math.max(1, Math.min(Math.round(ceiling), Math.round((rate * targetCores) / cores)));
}

/**
 * The offered rate of the equal-load phase, found on the service alone (its `url` and `pid`).
 * The rate is meant to load the service to about half its capacity: clear of saturation, where an
 * open loop's latency grows without bound, yet busy enough for queueing and collections to
 * show. Half the closed loop's req/s (`startRate`) is not that once the phase runs the servers on
 * one CPU (bench/cpu-split.ts), since the closed loop ran them on two: in the run of 2026-12-03
 * at ef9137b it kept the service 0.55-0.72 of a core busy (health: 0.72, the floor 0.39), and a
 * spell of a second or two in which the host ran slower then pushed the service past its capacity
 * while the floor still had room. So the service is sent `startRate` for a few seconds, its CPU
 * is read, and the rate is scaled towards `targetCores`; twice, since CPU per request is not quite
 * the same at every rate.
 */
export async function calibrateRate(
  job: Omit<OpenLoopJob, 'urls' | 'pids' | 'rate' | 'durationSeconds' | 'sliceMs'> & { url: string; pid: number },
  startRate: number,
  targetCores: number,
  ceiling: number,
  clientCpus: string | undefined,
  stepSeconds = STEP_SECONDS,
): Promise<RateCalibration> {
  const steps: RateCalibration['steps'] = [];
  let rate = startRate;
  for (let step = 0; step < STEPS; step++) {
    const { cpuCores } = await runOpenLoopJobApart(
      {
        urls: [job.url],
        headers: job.headers,
        connections: job.connections,
        rate,
        durationSeconds: stepSeconds,
        sliceMs: stepSeconds * 1000,
        pids: [job.pid],
      },
      clientCpus,
    );
    const cores = cpuCores[0]!;
    steps.push({ rate, cores });
    rate = scaledRate(rate, cores, targetCores, ceiling);
  }
  return { steps, rate };
}

/** The calibration on one line, printed as the benchmark goes. */
export function formatCalibration(calibration: RateCalibration, targetCores: number): string {
  const steps = calibration.steps.map((s) => `${s.rate} req/s kept it ${s.cores.toFixed(2)} cores busy`).join(', ');
  return `  equal load rate: ${steps}; offered ${calibration.rate} req/s for ${targetCores.toFixed(2)} cores`;
}
