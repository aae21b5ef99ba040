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
 * The req/s at which a p99 as many rounds long as the floor's would be under the target:
 * what the p99 target asks of a server whose latency has the floor's shape.
 */
export function rpsForP99Target(floor: RoundFigures, connections: number, p99TargetMs = TARGETS.p99Ms): number {
  return (connections * floor.p99Rounds * 1000) / p99TargetMs;
}

/** The table printed under the main report: each case's round, p99 in rounds, and the req/s the p99 target implies. */
export function formatLatencyRounds(runs: CaseRuns[], connections: number): string {
  const header = ['case', 'service round ms', 'service p99 rounds', 'floor round ms', 'floor p99 rounds', `req/s for p99 < ${TARGETS.p99Ms} ms`, 'floor req/s'];
  const rows = runs.map((run) => {
    const service = roundFigures(run.service, connections);
    const floor = roundFigures(run.floor, connections);
    return [
      run.benchCase.name,
      service.roundMs.toFixed(1),
      service.p99Rounds.toFixed(2),
      floor.roundMs.toFixed(1),
      floor.p99Rounds.toFixed(2),
      rpsForP99Target(floor, connections).toFixed(0),
      floor.rps.toFixed(0),
    ];
  });
  return [
    formatTable(header, rows),
    '',
    `round = ${connections} connections / req/s (medians over rounds); p99 rounds = p99 / round.`,
    `req/s for p99 < ${TARGETS.p99Ms} ms = the throughput at which a p99 of the floor's length in rounds is under the target;`,
    'where it exceeds the floor req/s, no server doing the floor\'s work reaches the p99 target on this machine.',
  ].join('\n');
}
