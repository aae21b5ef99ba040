import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { benchTargets } from '../../bench/bench-targets.js';
import {
  equalLoadFigures,
  type EqualLoadRound,
  equalLoadRuns,
  keptRounds,
  loadEqualLoadSettings,
  roundKeptSchedule,
} from '../../bench/equal-load.js';
import { type OpenLoopResult, runInterleavedOpenLoad, runOpenLoad } from '../../bench/open-loop.js';
import { runOpenLoopJobApart } from '../../bench/open-loop-job.js';
import { benchResults, type CaseRuns, formatEqualLoad, formatReport, judgedP99 } from '../../bench/report.js';
import type { LoadResult } from '../../bench/run-case.js';

const closed = (rps: number, p99Ms: number): LoadResult => ({
  rps,
  p50Ms: 1,
  p99Ms,
  errors: 0,
  requests: rps * 10,
  statusCodes: { 200: rps * 10 },
  errorKinds: {},
});
const open = (p99Ms: number): OpenLoopResult => ({
  offeredRps: 500,
  achievedRps: 500,
  p50Ms: 1,
  p99Ms,
  p999Ms: p99Ms * 2,
  requests: 2500,
  errors: 0,
  errorKinds: {},
  lateSends: 0,
});

/** customers: the closed loop's p99 is 3x the floor's, at equal load 1.2x. */
const customers: CaseRuns = {
  benchCase: { name: 'customers', path: '/customers?region=US&limit=50' },
  service: [closed(1000, 30), closed(1100, 33), closed(900, 27)],
  floor: [closed(1600, 10), closed(1700, 11), closed(1500, 9)],
  equalLoad: { rate: 500, service: [open(6), open(7), open(5)], floor: [open(5), open(6), open(4)] },
};

describe('make bench: the equal-load phase', () => {
  it('when both sides ran at equal load, each figure is the median over rounds and the p99 is judged on them', () => {
    const figures = equalLoadFigures(customers.equalLoad!);
    expect(figures).toMatchObject({
      equal_load_rps: 500,
      equal_load_p99_ms: 6,
      equal_load_p999_ms: 12,
      equal_load_floor_p99_ms: 5,
      equal_load_floor_p999_ms: 10,
    });
    const [results] = benchResults([customers], 100, 200, 0.5).cases;
    expect(results).toMatchObject({ p99_ms: 30, floor_p99_ms: 10, equal_load_p99_ms: 6, equal_load_floor_p99_ms: 5 });
    expect(judgedP99(results!)).toEqual({ p99Ms: 6, floorP99Ms: 5, equalLoad: true });
  });

  it('when the closed-loop p99 misses but the equal-load one holds, the report marks the p99 ok and says which figure it judged', () => {
    const results = benchResults([customers], 100, 200, 0.5);
    const report = formatReport([customers], results, benchTargets('postgres'));
    expect(report).toContain('6.00/5.00 ok');
    expect(report).toContain('judged on the p99 at equal offered load');
    expect(formatEqualLoad(results, benchTargets('postgres'), 0.5)).toMatch(
      /customers\s+500\s+1\.00\/6\.00\/12\.00\s+1\.00\/5\.00\/10\.00\s+1\.20x\s+<= 7\.50 ms ok/,
    );
  });

  it('when results predate the phase, the p99 is judged on the closed loop as before', () => {
    const { equalLoad: _, ...withoutPhase } = customers;
    const [results] = benchResults([withoutPhase], 100, 200).cases;
    expect(judgedP99(results!)).toEqual({ p99Ms: 30, floorP99Ms: 10, equalLoad: false });
    expect(formatReport([withoutPhase], benchResults([withoutPhase], 100, 200), benchTargets('postgres'))).toContain('30 MISS');
  });

  it("when each side's CPU over its turns was measured, the medians go to the figures and the table", () => {
    const measured: CaseRuns = {
      ...customers,
      equalLoad: { ...customers.equalLoad!, serviceCpu: [0.7, 0.8, 0.6], floorCpu: [0.4, 0.5, 0.45] },
    };
    const results = benchResults([measured], 100, 200, 0.5);
    expect(results.cases[0]).toMatchObject({ equal_load_cpu_cores: 0.7, equal_load_floor_cpu_cores: 0.45 });
    expect(formatEqualLoad(results, benchTargets('postgres'), 0.5)).toMatch(/<= 7\.50 ms ok\s+0\.70\/0\.45/);
    expect(equalLoadFigures(customers.equalLoad!)).not.toHaveProperty('equal_load_cpu_cores');
  });

  it('when the rate was calibrated to the service CPU, the figures keep the target and the start, and the table says how the rate was found', () => {
    const calibrated: CaseRuns = { ...customers, equalLoad: { ...customers.equalLoad!, serviceCpuTarget: 0.5, calibratedFromRps: 800 } };
    const results = benchResults([calibrated], 100, 200, 0.5);
    expect(results.cases[0]).toMatchObject({
      equal_load_rps: 500,
      equal_load_service_cpu_target: 0.5,
      equal_load_calibrated_from_rps: 800,
    });
    expect(formatEqualLoad(results, benchTargets('postgres'), 0.5)).toContain(
      "at the rate that keeps the service's process 0.50 cores busy (found on the service alone from 50% of its median closed-loop req/s",
    );
    expect(formatEqualLoad(benchResults([customers], 100, 200, 0.5), benchTargets('postgres'), 0.5)).toContain(
      "at 50% of the service's median closed-loop req/s in this run",
    );
  });

  it('when BENCH_EQUAL_LOAD_FRACTION is outside (0, 1], refuses it naming the variable', () => {
    expect(loadEqualLoadSettings({})).toEqual({
      fraction: 0.5,
      serviceCpu: 0.5,
      durationSeconds: 10,
      rounds: 5,
      sliceMs: 250,
      extraRounds: 3,
    });
    expect(loadEqualLoadSettings({ BENCH_EQUAL_LOAD_SERVICE_CPU: '0.4' }).serviceCpu).toBe(0.4);
    expect(() => loadEqualLoadSettings({ BENCH_EQUAL_LOAD_SERVICE_CPU: '2' })).toThrow(/BENCH_EQUAL_LOAD_SERVICE_CPU/);
    expect(loadEqualLoadSettings({ BENCH_EQUAL_LOAD_SLICE_MS: '100' }).sliceMs).toBe(100);
    expect(() => loadEqualLoadSettings({ BENCH_EQUAL_LOAD_SLICE_MS: '0' })).toThrow(/BENCH_EQUAL_LOAD_SLICE_MS/);
    expect(() => loadEqualLoadSettings({ BENCH_EQUAL_LOAD_FRACTION: '1.5' })).toThrow(/BENCH_EQUAL_LOAD_FRACTION/);
    expect(() => loadEqualLoadSettings({ BENCH_EQUAL_LOAD_FRACTION: 'half' })).toThrow(/BENCH_EQUAL_LOAD_FRACTION/);
  });
});

describe('make bench: rounds in which the client fell behind its schedule', () => {
  /** A side of 2,500 requests of which `lateSends` were sent over 5 ms late. */
  const sent = (p99Ms: number, lateSends: number): OpenLoopResult => ({ ...open(p99Ms), lateSends });
  const round = (service: OpenLoopResult, floor: OpenLoopResult): EqualLoadRound => ({
    service,
    floor,
    serviceCpu: 0.6,
    floorCpu: 0.4,
    kept: roundKeptSchedule([service, floor]),
  });

  it('when at most 0.5% of each side was sent late the round counts; one more late send on either side voids it', () => {
    expect(roundKeptSchedule([sent(6, 12), sent(5, 12)])).toBe(true);
    expect(roundKeptSchedule([sent(6, 13), sent(5, 0)])).toBe(false);
    expect(roundKeptSchedule([sent(6, 0), sent(5, 13)])).toBe(false);
  });

  it('when a round is void, the figures come from the rounds that kept the schedule and the void one is counted', () => {
    const rounds = [
      round(sent(6, 0), sent(5, 0)),
      round(sent(200, 900), sent(60, 800)),
      round(sent(8, 3), sent(6, 2)),
      round(sent(7, 1), sent(5, 1)),
    ];
    expect(keptRounds(rounds)).toBe(3);
    const runs = equalLoadRuns(500, rounds);
    expect(runs.service.map((r) => r.p99Ms)).toEqual([6, 8, 7]);
    expect(runs.floor.map((r) => r.p99Ms)).toEqual([5, 6, 5]);
    expect(equalLoadFigures(runs)).toMatchObject({ equal_load_p99_ms: 7, equal_load_floor_p99_ms: 5, equal_load_void_rounds: 1 });
    expect(equalLoadFigures(runs)).not.toHaveProperty('equal_load_judged_on_void_rounds');
  });

  it('when no round kept the schedule, every round is judged and the table says so', () => {
    const runs = equalLoadRuns(500, [round(sent(30, 100), sent(20, 0)), round(sent(40, 0), sent(10, 100))]);
    expect(runs.service.map((r) => r.p99Ms)).toEqual([30, 40]);
    expect(equalLoadFigures(runs)).toMatchObject({ equal_load_void_rounds: 2, equal_load_judged_on_void_rounds: true });
    const results = benchResults([{ ...customers, equalLoad: runs }], 100, 200, 0.5);
    expect(formatEqualLoad(results, benchTargets('postgres'), 0.5)).toContain('2 (no round kept the schedule; judged on them all)');
  });

  it('when BENCH_EQUAL_LOAD_EXTRA_ROUNDS is set, takes 0 or more and refuses anything else naming the variable', () => {
    expect(loadEqualLoadSettings({ BENCH_EQUAL_LOAD_EXTRA_ROUNDS: '0' }).extraRounds).toBe(0);
    expect(loadEqualLoadSettings({ BENCH_EQUAL_LOAD_EXTRA_ROUNDS: '5' }).extraRounds).toBe(5);
    expect(() => loadEqualLoadSettings({ BENCH_EQUAL_LOAD_EXTRA_ROUNDS: '-1' })).toThrow(/BENCH_EQUAL_LOAD_EXTRA_ROUNDS/);
    expect(() => loadEqualLoadSettings({ BENCH_EQUAL_LOAD_EXTRA_ROUNDS: 'some' })).toThrow(/BENCH_EQUAL_LOAD_EXTRA_ROUNDS/);
  });
});

describe('runOpenLoad', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const answer = () => {
        res.writeHead(req.url === '/missing' ? 404 : 200);
        res.end('x');
      };
      if (req.url === '/slow') setTimeout(answer, 30);
      else answer();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('when every answer is a 2xx, sends the rate times the duration and times each one', async () => {
    const result = await runOpenLoad(`${base}/`, {}, 4, 100, 1);
    expect(result).toMatchObject({ offeredRps: 100, requests: 100, errors: 0, errorKinds: {} });
    expect(result.p99Ms).toBeGreaterThan(0);
  });

  it('when the server answers 404, counts each as an error of that status', async () => {
    const result = await runOpenLoad(`${base}/missing`, {}, 4, 100, 1);
    expect(result).toMatchObject({ requests: 0, errors: 100, errorKinds: { 'status 404': 100 } });
  });

  it('when two servers share one schedule, each gets its turns and its own latencies and errors', async () => {
    const [fast, slow, missing] = await runInterleavedOpenLoad([`${base}/`, `${base}/slow`, `${base}/missing`], {}, 8, 150, 1, 100);
    // One second each of 150 req/s, in turns of 100 ms: 150 requests per side.
    expect([fast!.requests, slow!.requests, missing!.requests]).toEqual([150, 150, 0]);
    expect(missing).toMatchObject({ errors: 150, errorKinds: { 'status 404': 150 } });
    expect(fast!.errors + slow!.errors).toBe(0);
    expect(slow!.p50Ms).toBeGreaterThanOrEqual(30);
    expect(fast!.p50Ms).toBeLessThan(30);
  });

  it('in a process of its own, measures the same and each server process CPU in cores', async () => {
    const { results, cpuCores } = await runOpenLoopJobApart({
      urls: [`${base}/slow`, `${base}/missing`],
      headers: {},
      connections: 8,
      rate: 100,
      durationSeconds: 1,
      sliceMs: 100,
      pids: [process.pid, process.pid],
    });
    expect(results.map((r) => [r.requests, r.errors])).toEqual([
      [100, 0],
      [0, 100],
    ]);
    expect(results[0]!.p50Ms).toBeGreaterThanOrEqual(30);
    // No answer was timed on the 404 side: its percentiles come back as NaN, not null.
    expect(results[1]!.p99Ms).toBeNaN();
    // This process served both sides, so both see its CPU, a share of one core.
    expect(cpuCores[0]).toBeGreaterThan(0);
    expect(cpuCores[0]).toBeLessThan(2);
  });
});
