import type { RssSample } from './rss-sampler.js';
import type { SoakSettings } from './soak-config.js';
import type { VariantTally, WindowTally } from './soak-load.js';
import type { RequestKind } from './soak-mix.js';
import { max, median, percentile, round, sum } from './stats.js';

/** Answers to one variant of the mix. */
export interface VariantFigures {
  name: string;
  kind: RequestKind;
  weight: number;
  expected: readonly number[];
  /** Answered requests; `sent` minus these were in flight when the load stopped. */
  requests: number;
  sent: number;
  statuses: Record<string, number>;
  unexpected: number;
  p50_ms: number;
  p99_ms: number;
}

/** One time window of the run, with the service's RSS over it. */
export interface WindowFigures {
  from_s: number;
  to_s: number;
  requests: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  server_errors: number;
  unexpected: number;
  socket_errors: number;
  rss_median_mb: number;
  rss_max_mb: number;
}

/** One variant's tally as figures; answers outside `expected` are its unexpected ones. */
export function variantFigures(tally: VariantTally): VariantFigures {
  const { variant, statuses } = tally;
  const requests = sum(Object.values(statuses));
  const expected = sum(variant.expected.map((code) => statuses[code] ?? 0));
  return {
    name: variant.name,
    kind: variant.kind,
    weight: variant.weight,
    expected: variant.expected,
    requests,
    sent: tally.sent,
    statuses,
    unexpected: requests - expected,
    p50_ms: round(percentile(tally.latenciesMs, 50), 2),
    p99_ms: round(percentile(tally.latenciesMs, 99), 2),
  };
}

/** One window's tally as figures, with the RSS readings that fall inside it. */
export function windowFigures(window: WindowTally, settings: SoakSettings, rss: readonly RssSample[]): WindowFigures {
  const to = Math.min(settings.durationSeconds, window.startSeconds + settings.windowSeconds);
  const readings = rss.filter((s) => s.atMs / 1000 >= window.startSeconds && s.atMs / 1000 < to).map((s) => s.rssMb);
  const requests = window.latenciesMs.length;
  return {
    from_s: window.startSeconds,
    to_s: to,
    requests,
    rps: round(requests / (to - window.startSeconds), 1),
    p50_ms: round(percentile(window.latenciesMs, 50), 2),
    p99_ms: round(percentile(window.latenciesMs, 99), 2),
    max_ms: round(max(window.latenciesMs), 2),
    server_errors: countOf(window.statuses, (code) => code.startsWith('5')),
    unexpected: window.unexpected,
    socket_errors: window.socketErrors,
    rss_median_mb: round(median(readings), 1),
    rss_max_mb: round(max(readings), 1),
  };
}

/** How many answers carry a status `which` picks. */
export function countOf(statuses: Record<string, number>, which: (code: string) => boolean): number {
  return sum(
    Object.entries(statuses)
      .filter(([code]) => which(code))
      .map(([, n]) => n),
  );
}

/** Status counts added up, ordered by status. */
export function addUp(counts: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const count of counts) for (const [key, n] of Object.entries(count)) total[key] = (total[key] ?? 0) + n;
  return Object.fromEntries(Object.entries(total).sort(([a], [b]) => a.localeCompare(b)));
}
