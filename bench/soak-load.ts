import autocannon from 'autocannon';

import { requestCycle, type SoakVariant } from './soak-mix.js';

/** An answer whose status was not expected for its request, kept as evidence (first few per variant and status). */
export interface UnexpectedAnswer {
  variant: string;
  status: number;
  body: string;
}

/** What one variant of the mix was answered. */
export interface VariantTally {
  variant: SoakVariant;
  /** Requests built and sent; those still in flight when the load stops are never answered. */
  sent: number;
  statuses: Record<string, number>;
  latenciesMs: number[];
}

/** What one time window of the run saw (every answer, whatever its status). */
export interface WindowTally {
  startSeconds: number;
  latenciesMs: number[];
  statuses: Record<string, number>;
  /** Answers whose status was not expected for their request. */
  unexpected: number;
  socketErrors: number;
}

/** Everything the soak load measured. */
export interface SoakLoad {
  elapsedSeconds: number;
  variants: VariantTally[];
  windows: WindowTally[];
  unexpected: UnexpectedAnswer[];
  /** Socket-level failures (resets, refused connections) and timeouts, as autocannon counts them. */
  socketErrors: number;
  timeouts: number;
  errorKinds: Record<string, number>;
}

const SAMPLES_PER_STATUS = 3;

/**
 * Runs the mix against `baseUrl` for `durationSeconds` over `connections` keep-alive
 * connections: every connection walks the request cycle in turn. Each request's status is
 * tallied against its variant (autocannon's `onResponse`), and its latency is taken from the
 * `response` event autocannon emits synchronously right after that `onResponse`.
 */
export async function runSoakLoad(
  baseUrl: string,
  variants: readonly SoakVariant[],
  options: { connections: number; durationSeconds: number; windowSeconds: number },
): Promise<SoakLoad> {
  const tallies: VariantTally[] = variants.map((variant) => ({ variant, sent: 0, statuses: {}, latenciesMs: [] }));
  const windowCount = Math.ceil(options.durationSeconds / options.windowSeconds);
  const windows: WindowTally[] = Array.from({ length: windowCount }, (_, i) => ({
    startSeconds: i * options.windowSeconds,
    latenciesMs: [],
    statuses: {},
    unexpected: 0,
    socketErrors: 0,
  }));
  const unexpected: UnexpectedAnswer[] = [];
  const errorKinds: Record<string, number> = {};
  // Set by a request's onResponse, read by the `response` event that follows it.
  let answered = -1;
  let answeredUnexpectedly = false;
  const started = performance.now();
  const windowNow = () => windows[Math.min(windowCount - 1, Math.floor((performance.now() - started) / 1000 / options.windowSeconds))]!;

  const requests: autocannon.Request[] = requestCycle(variants).map((index) => {
    const variant = variants[index]!;
    return {
      // autocannon builds a request right before it writes it, so every build is one request sent.
      setupRequest: (request) => ({ ...request, ...variant.build(tallies[index]!.sent++) }),
      onResponse: (status, body) => {
        answered = index;
        answeredUnexpectedly = !variant.expected.includes(status);
        const statuses = tallies[index]!.statuses;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (answeredUnexpectedly && statuses[status]! <= SAMPLES_PER_STATUS) {
          unexpected.push({ variant: variant.name, status, body: body.slice(0, 400) });
        }
      },
    };
  });

  const instance = autocannon({ url: baseUrl, connections: options.connections, duration: options.durationSeconds, timeout: 10, requests });
  instance.on('response', (_client, status, _bytes, latencyMs) => {
    const window = windowNow();
    if (answered >= 0) tallies[answered]!.latenciesMs.push(latencyMs);
    if (answeredUnexpectedly) window.unexpected++;
    answered = -1;
    answeredUnexpectedly = false;
    window.latenciesMs.push(latencyMs);
    window.statuses[status] = (window.statuses[status] ?? 0) + 1;
  });
  instance.on('reqError', (error) => {
    errorKinds[error.message] = (errorKinds[error.message] ?? 0) + 1;
    windowNow().socketErrors++;
  });
  const result = await instance;
  return {
    elapsedSeconds: (performance.now() - started) / 1000,
    variants: tallies,
    windows,
    unexpected,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    errorKinds,
  };
}
