import { countSetting, positiveSetting, shareSetting } from './bench-config.js';
import type { OpenLoopResult } from './open-loop.js';
import { median, round, sum } from './stats.js';

/**
 * The equal-load phase of `make bench`. Under the closed loop a server's p99 is about two
 * rounds (connections / req/s), so "p99 <= 1.5 x the floor's" there asks the service for two
 * thirds of the floor's throughput, whatever the ratio targets say. Latency is compared fairly
 * when both servers are offered the same load: one open-loop schedule at a fixed rate (the one
 * that keeps the service's process busy `serviceCpu` of one core, bench/equal-load-rate.ts) goes
 * to the service and the floor in turn, in slices a fraction of a second long
 * (bench/open-loop.ts says why), and the p99 target is judged on those figures.
 */
export interface EqualLoadSettings {
  /** Where the rate's calibration starts: a share of the service's median closed-loop req/s (default 0.5). */
  fraction: number;
  /** The service's CPU, in cores, at the offered rate the phase is calibrated to (default 0.5). */
  serviceCpu: number;
  /** Seconds per side per round (default 10). */
  durationSeconds: number;
  /** Interleaved runs that count, whose first slice goes to the service and the floor in turn (default 5). */
  rounds: number;
  /** How long each side is sent to before the other's turn, ms (default 250). */
  sliceMs: number;
  /** Rounds that may be run in place of void ones (roundKeptSchedule), at most (default 3). */
  extraRounds: number;
}

/**
 * BENCH_EQUAL_LOAD_FRACTION and BENCH_EQUAL_LOAD_SERVICE_CPU (0 < x <= 1), BENCH_EQUAL_LOAD_DURATION,
 * BENCH_EQUAL_LOAD_ROUNDS, BENCH_EQUAL_LOAD_SLICE_MS, BENCH_EQUAL_LOAD_EXTRA_ROUNDS (0 or more).
 */
export function loadEqualLoadSettings(env: Record<string, string | undefined> = process.env): EqualLoadSettings {
  return {
    fraction: shareSetting(env, 'BENCH_EQUAL_LOAD_FRACTION', 0.5),
    serviceCpu: shareSetting(env, 'BENCH_EQUAL_LOAD_SERVICE_CPU', 0.5),
    durationSeconds: positiveSetting(env, 'BENCH_EQUAL_LOAD_DURATION', 10),
    rounds: positiveSetting(env, 'BENCH_EQUAL_LOAD_ROUNDS', 5),
    sliceMs: positiveSetting(env, 'BENCH_EQUAL_LOAD_SLICE_MS', 250),
    extraRounds: countSetting(env, 'BENCH_EQUAL_LOAD_EXTRA_ROUNDS', 3),
  };
}

/**
 * The largest share of a side's requests the client may send more than LATE_SEND_MS
 * (bench/open-loop.ts) after they were due (OpenLoopResult.lateSends) for the round to count:
 * half of the 1 % the p99 is read from. A client that falls behind its schedule adds its own
 * delay to every request it sends late, and the client runs on CPUs of its own, so such a round
 * measures the machine (a stall of the host, which every process shares) rather than either server.
 */
export const MAX_LATE_SEND_SHARE = 0.005;

/** Each side's share of requests the client sent late, in a round. */
export function lateSendShares(round: readonly OpenLoopResult[]): number[] {
  return round.map((side) => side.lateSends / Math.max(1, side.requests));
}

/** Whether the client kept its schedule on every side of a round, so that the round counts (MAX_LATE_SEND_SHARE). */
export function roundKeptSchedule(round: readonly OpenLoopResult[]): boolean {
  return lateSendShares(round).every((share) => share <= MAX_LATE_SEND_SHARE);
}

/** Both sides' open-loop runs of one case at one offered rate. */
export interface EqualLoadRuns {
  rate: number;
  service: OpenLoopResult[];
  floor: OpenLoopResult[];
  /**
   * Per round, each server's CPU time over the time it was sent to (its share of the run), in
   * cores: how busy the same rate keeps each, which is what its queueing follows.
   */
  serviceCpu?: number[];
  floorCpu?: number[];
  /**
   * Rounds run but left out of the figures because the client fell behind its schedule
   * (roundKeptSchedule). When no round kept it, every round is kept and `judgedOnVoidRounds` says so.
   */
  voidRounds?: number;
  judgedOnVoidRounds?: boolean;
  /** How `rate` was found (bench/equal-load-rate.ts): the service's CPU it aimed at, in cores, and the rate it started from. */
  serviceCpuTarget?: number;
  calibratedFromRps?: number;
}

/** One equal-load round: each side's run and CPU, and whether the client kept its schedule (roundKeptSchedule). */
export interface EqualLoadRound {
  service: OpenLoopResult;
  floor: OpenLoopResult;
  serviceCpu: number;
  floorCpu: number;
  kept: boolean;
}

/** How many of `rounds` count. */
export function keptRounds(rounds: readonly EqualLoadRound[]): number {
  return rounds.filter((r) => r.kept).length;
}

/** The runs the figures are read from: the rounds that kept the schedule, or every round when none did. */
export function equalLoadRuns(rate: number, rounds: readonly EqualLoadRound[]): EqualLoadRuns {
  const kept = rounds.filter((r) => r.kept);
  const judged = kept.length > 0 ? kept : rounds;
  return {
    rate,
    service: judged.map((r) => r.service),
    floor: judged.map((r) => r.floor),
    serviceCpu: judged.map((r) => r.serviceCpu),
    floorCpu: judged.map((r) => r.floorCpu),
    voidRounds: rounds.length - kept.length,
    ...(kept.length === 0 ? { judgedOnVoidRounds: true } : {}),
  };
}

/** The equal-load figures of one case in `latest.json` (medians over rounds; ms). */
export interface EqualLoadFigures {
  /** The rate both sides were offered, req/s. */
  equal_load_rps: number;
  equal_load_p50_ms: number;
  equal_load_p99_ms: number;
  equal_load_p999_ms: number;
  equal_load_floor_p50_ms: number;
  equal_load_floor_p99_ms: number;
  equal_load_floor_p999_ms: number;
  /** Socket errors and non-2xx answers of the service in this phase. */
  equal_load_errors: number;
  /** CPU time over its turns, in cores (1 = one core busy throughout): the service's and the floor's. */
  equal_load_cpu_cores?: number;
  equal_load_floor_cpu_cores?: number;
  /** Rounds left out because the client fell behind its schedule (EqualLoadRuns.voidRounds). */
  equal_load_void_rounds: number;
  /** True when no round kept the schedule, so the figures come from rounds that did not. */
  equal_load_judged_on_void_rounds?: boolean;
  /** The service's CPU, in cores, the rate was calibrated to, and the rate the calibration started from. */
  equal_load_service_cpu_target?: number;
  equal_load_calibrated_from_rps?: number;
}

/** Medians over rounds of each side's latencies; the service's errors summed. */
export function equalLoadFigures(runs: EqualLoadRuns): EqualLoadFigures {
  const at = (side: OpenLoopResult[], pick: (r: OpenLoopResult) => number) => round(median(side.map(pick)), 2);
  return {
    equal_load_rps: round(runs.rate, 0),
    equal_load_p50_ms: at(runs.service, (r) => r.p50Ms),
    equal_load_p99_ms: at(runs.service, (r) => r.p99Ms),
    equal_load_p999_ms: at(runs.service, (r) => r.p999Ms),
    equal_load_floor_p50_ms: at(runs.floor, (r) => r.p50Ms),
    equal_load_floor_p99_ms: at(runs.floor, (r) => r.p99Ms),
    equal_load_floor_p999_ms: at(runs.floor, (r) => r.p999Ms),
    equal_load_errors: sum(runs.service.map((r) => r.errors)),
    equal_load_void_rounds: runs.voidRounds ?? 0,
    ...(runs.judgedOnVoidRounds ? { equal_load_judged_on_void_rounds: true } : {}),
    ...(runs.serviceCpuTarget === undefined
      ? {}
      : { equal_load_service_cpu_target: runs.serviceCpuTarget, equal_load_calibrated_from_rps: runs.calibratedFromRps }),
    ...(runs.serviceCpu?.length && runs.floorCpu?.length
      ? { equal_load_cpu_cores: round(median(runs.serviceCpu), 2), equal_load_floor_cpu_cores: round(median(runs.floorCpu), 2) }
      : {}),
  };
}

/** One open-loop run on one line (with the server's CPU over its turns, when measured), printed as the benchmark goes. */
export function formatOpenRun(label: string, result: OpenLoopResult, cpuCores?: number): string {
  const ms = (value: number) => value.toFixed(2);
  return (
    `${label.padEnd(34)} ${result.offeredRps.toFixed(0).padStart(7)} req/s offered, ${result.achievedRps.toFixed(0)} answered  ` +
    `p50 ${ms(result.p50Ms)} ms  p99 ${ms(result.p99Ms)} ms  p99.9 ${ms(result.p999Ms)} ms  errors ${result.errors}` +
    `  sent late ${result.lateSends}` +
    (cpuCores === undefined ? '' : `  CPU ${cpuCores.toFixed(2)} cores in its turns`) +
    Object.entries(result.errorKinds)
      .map(([kind, count]) => ` [${kind} x${count}]`)
      .join('')
  );
}
