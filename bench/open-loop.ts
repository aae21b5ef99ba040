import { RawGetPool } from './raw-get.js';
import { percentile } from './stats.js';

/** What one open-loop run measured; latencies in ms, from each request's scheduled start. */
export interface OpenLoopResult {
  /** The rate asked for, req/s. */
  offeredRps: number;
  /** Answers per second actually received. */
  achievedRps: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  requests: number;
  /** Socket errors and non-2xx answers. */
  errors: number;
  /** What the errors were: `status <code>` or the socket error's message, with counts. */
  errorKinds: Record<string, number>;
  /**
   * Requests the client itself sent more than LATE_SEND_MS after they were due (its own event
   * loop was held up): latency the client added, which a fair comparison keeps near zero.
   */
  lateSends: number;
}

/** How late a send must be to count in `lateSends`, ms; the void-round texts (bench/main.ts, bench/report.ts) quote it. */
export const LATE_SEND_MS = 5;

/** How often the scheduler wakes to send the requests that have fallen due. */
const TICK_MS = 1;
/**
 * Seconds of load at the rate before latencies count: the client's own code paths are cold at
 * first, and the queue they build in the first half second was otherwise charged to the server.
 */
const SETTLE_SECONDS = 1;

/**
 * Loads `url` open-loop: requests are scheduled at a fixed `rate` (req/s) for `durationSeconds`
 * whatever the server's answers do, over at most `connections` keep-alive connections, and each
 * latency runs from the moment the request was due, not from when a connection was free to
 * send it. So a server that falls behind is charged for the queue it builds (no coordinated
 * omission), and two servers offered the same rate are compared under the same load.
 *
 * Why not autocannon: its rate options (`overallRate`, `connectionRate`) let each connection send
 * back to back until its quota for the current second is used up, then pause: bursts at the
 * top of every second, whose latency is the closed loop's again. The requests go out through
 * bench/raw-get.ts (why: there). `make bench` runs this in a process of its own
 * (bench/open-loop-child.ts), so that the client's collections and stalls are its own and small.
 */
export async function runOpenLoad(
  url: string,
  headers: Record<string, string>,
  connections: number,
  rate: number,
  durationSeconds: number,
): Promise<OpenLoopResult> {
  const [result] = await runInterleavedOpenLoad([url], headers, connections, rate, durationSeconds, durationSeconds * 1000);
  return result!;
}

/**
 * The open loop of `runOpenLoad` shared by several servers in turn: one schedule at `rate`
 * whose requests go to `urls[0]` for `sliceMs`, then to `urls[1]` for `sliceMs`, and so on
 * round the list, until each has had `durationSeconds` of it. Each server has its own
 * `connections` keep-alive connections, and its latencies and errors are its own.
 *
 * Why slices: on a shared machine the tail of either side is set by stalls that come and go
 * (other processes, the hypervisor), seconds at a time. Whole runs one after the other let one
 * side have the quiet minute and the other the loud one; slices a fraction of a second long
 * spread every such spell over both, so their p99s are compared under the same conditions.
 */
export async function runInterleavedOpenLoad(
  urls: string[],
  headers: Record<string, string>,
  connections: number,
  rate: number,
  durationSeconds: number,
  sliceMs: number,
): Promise<OpenLoopResult[]> {
  const pools = urls.map((url) => new RawGetPool(new URL(url), headers, connections));
  const settling = Math.round(rate * SETTLE_SECONDS);
  const total = settling + Math.max(1, Math.round(rate * durationSeconds * urls.length));
  for (const pool of pools) await pool.warm();
  // Preallocated, so that recording a latency makes no garbage in the client while it measures.
  const sides = urls.map(() => ({
    latencies: new Float64Array(total),
    answered: 0,
    errors: 0,
    errorKinds: {} as Record<string, number>,
    lateSends: 0,
  }));
  let sent = 0;
  let done = 0;
  const started = performance.now();
  const measuredFrom = started + SETTLE_SECONDS * 1000;
  let lastAnswer = started;

  await new Promise<void>((resolve) => {
    const settle = (side: (typeof sides)[number], sequence: number, dueAt: number, failure: string | undefined) => {
      const now = performance.now();
      if (sequence >= settling) {
        if (failure === undefined) side.latencies[side.answered++] = now - dueAt;
        else {
          side.errors++;
          side.errorKinds[failure] = (side.errorKinds[failure] ?? 0) + 1;
        }
        lastAnswer = now;
      }
      if (++done === total) resolve();
    };
    // Request `sequence` is due `sequence / rate` s after the start. Its slice is worked out in
    // whole numbers, so a request due exactly on a boundary cannot fall to either side by rounding.
    const send = (sequence: number) => {
      const dueAt = started + (sequence / rate) * 1000;
      const index = Math.floor((sequence * 1000) / (rate * sliceMs)) % pools.length;
      if (sequence >= settling && performance.now() - dueAt > LATE_SEND_MS) sides[index]!.lateSends++;
      pools[index]!.get((failure) => settle(sides[index]!, sequence, dueAt, failure));
    };
    const tick = () => {
      const elapsed = performance.now() - started;
      const due = Math.min(total, Math.floor((elapsed / 1000) * rate) + 1);
      for (; sent < due; sent++) send(sent);
      if (sent < total) setTimeout(tick, TICK_MS);
    };
    tick();
  });
  for (const pool of pools) pool.close();

  // Each side was sent to for its share of the measured time.
  const secondsPerSide = (lastAnswer - measuredFrom) / 1000 / pools.length;
  return sides.map((side) => {
    const measured = Array.from(side.latencies.subarray(0, side.answered));
    return {
      offeredRps: rate,
      achievedRps: side.answered / secondsPerSide,
      p50Ms: percentile(measured, 50),
      p99Ms: percentile(measured, 99),
      p999Ms: percentile(measured, 99.9),
      requests: side.answered,
      errors: side.errors,
      errorKinds: side.errorKinds,
      lateSends: side.lateSends,
    };
  });
}
