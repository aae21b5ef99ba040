import { TARGETS } from './bench-config.js';
import type { CaseRuns } from './report.js';
import type { LoadResult } from './run-case.js';
import { median } from './stats.js';
import { formatTable } from './table.js';

/** One side's latency of one case, measured in rounds. */
export interface RoundFigures {
  /** Median req/s over the runs. */
  rps: number;
  /** Mean time for every connection to be answered once: connections / req/s. */
  roundMs: number;
  /** p99 divided by the round. */
  p99Rounds: number;
}

/**
 * Under a closed loop (each connection sends its next request when its answer arrives) a
 * server that is busy all the time answers every connection about once per round, so latency
 * is counted in rounds. The p99 of both servers sits near two rounds: a connection answered at
 * the end of one event-loop turn sends its next request just after the server polled its
 * sockets again, so that request waits out a whole further turn. This is libuv's polling, the
 * same under the floor; it makes the p99 target a throughput target.
 */
export function roundFigures(runs: readonly LoadResult[], connections: number): RoundFigures {
  const rps = median(runs.map((r) => r.rps));
  const roundMs = (connections / rps) * 1000;
  return { rps, roundMs, p99Rounds: median(runs.map((r) => r.p99Ms)) / roundMs };
}

/**
 * The service req/s at which its p99, as many rounds long as now, would be within the target
 * (TARGETS.p99OfFloorP99 times the floor's p99): what the p99 target asks of its throughput.
 */
export function rpsForP99Target(service: RoundFigures, floorP99Ms: number, connections: number): number {
  return (connections * service.p99Rounds * 1000) / (TARGETS.p99OfFloorP99 * floorP99Ms);
}

/** The table printed under the main report: each case's round, p99 in rounds, and the req/s the p99 target implies. */
export function formatLatencyRounds(runs: CaseRuns[], connections: number): string {
  const header = [
    'case',
    'service round ms',
    'service p99 rounds',
    'floor round ms',
    'floor p99 rounds',
    'service req/s for the p99 target',
    'service req/s',
    'floor req/s',
  ];
  const rows = runs.map((run) => {
    const service = roundFigures(run.service, connections);
    const floor = roundFigures(run.floor, connections);
    return [
      run.benchCase.name,
      service.roundMs.toFixed(1),
      service.p99Rounds.toFixed(2),
      floor.roundMs.toFixed(1),
      floor.p99Rounds.toFixed(2),
      rpsForP99Target(service, floor.p99Rounds * floor.roundMs, connections).toFixed(0),
      service.rps.toFixed(0),
      floor.rps.toFixed(0),
    ];
  });
  return [
    formatTable(header, rows),
    '',
    `round = ${connections} connections / req/s (medians over rounds); p99 rounds = p99 / round.`,
    `service req/s for the p99 target = the throughput at which the service's p99, as many rounds long as now, is within ${TARGETS.p99OfFloorP99}x the floor's;`,
    'under this closed loop the p99 target is a throughput target: where that figure is far above the service req/s, so is the p99.',
  ].join('\n');
}
