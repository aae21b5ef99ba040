import type { RssSample } from './rss-sampler.js';
import type { SoakSettings } from './soak-config.js';
import { type Criterion, soakCriteria } from './soak-criteria.js';
import { addUp, countOf, type VariantFigures, variantFigures, type WindowFigures, windowFigures } from './soak-figures.js';
import type { SoakLoad, UnexpectedAnswer } from './soak-load.js';
import type { RssVerdict } from './soak-memory.js';
import { mixShares, type RequestKind, type SoakVariant } from './soak-mix.js';
import { max, percentile, round, sum } from './stats.js';

/** What the database held after the run, for the write checks. */
export interface WrittenRows {
  /** Rows carrying the soak's write prefix. */
  created: number;
  /** Rows carrying the prefix only unauthenticated POSTs used (must be none). */
  createdWithoutCredentials: number;
}

/** The shape of `bench/results/soak.json`. */
export interface SoakResults {
  settings: {
    duration_s: number;
    connections: number;
    window_s: number;
    warmup_s: number;
    rss_interval_ms: number;
    service_log_level: string;
    rate_limit_per_minute: string;
  };
  mix: Record<RequestKind, number>;
  totals: {
    requests: number;
    /** Sent but still unanswered when the load stopped (not counted anywhere else). */
    in_flight_at_stop: number;
    elapsed_s: number;
    rps: number;
    p50_ms: number;
    p99_ms: number;
    max_ms: number;
    by_status: Record<string, number>;
    by_kind: Record<RequestKind, { requests: number; unexpected: number }>;
    /** Answers outside 2xx and 4xx (5xx, or anything stranger). */
    outside_2xx_4xx: number;
    server_errors: number;
    unexpected: number;
    socket_errors: number;
    timeouts: number;
    error_kinds: Record<string, number>;
  };
  variants: VariantFigures[];
  windows: WindowFigures[];
  unexpected_samples: UnexpectedAnswer[];
  rss: {
    start_mb: number;
    baseline_mb: number;
    baseline_from_s: number;
    end_mb: number;
    end_from_s: number;
    growth: number;
    max_after_warmup_mb: number;
    max_growth: number;
    trend_mb_per_min: number;
    /** VmHWM: the kernel's high-water mark over the process's life. */
    peak_mb: number;
    /** [seconds since the load started, MB] every `settings.rss_interval_ms`. */
    samples: [number, number][];
  };
  writes: { created_answers: number; creates_in_flight_at_stop: number; rows_created: number; rows_created_without_credentials: number };
  criteria: Criterion[];
  pass: boolean;
}

/** Gathers the run into the results document and judges it. */
export function soakResults(input: {
  settings: SoakSettings;
  rateLimitPerMinute: string;
  variants: readonly SoakVariant[];
  load: SoakLoad;
  rssSamples: readonly RssSample[];
  peakRssMb: number;
  rss: RssVerdict;
  rows: WrittenRows;
}): SoakResults {
  const { load, rss } = input;
  const variants = load.variants.map(variantFigures);
  const byStatus = addUp(variants.map((v) => v.statuses));
  const all = load.variants.flatMap((t) => t.latenciesMs);
  const requests = sum(variants.map((v) => v.requests));
  const outside = countOf(byStatus, (code) => !/^[24]/.test(code));
  const serverErrors = countOf(byStatus, (code) => code.startsWith('5'));
  const unexpected = sum(variants.map((v) => v.unexpected));
  const byKind = {} as SoakResults['totals']['by_kind'];
  for (const kind of ['read', 'write', 'invalid', 'unauthenticated'] as const) {
    const ofKind = variants.filter((v) => v.kind === kind);
    byKind[kind] = { requests: sum(ofKind.map((v) => v.requests)), unexpected: sum(ofKind.map((v) => v.unexpected)) };
  }
  const creates = variants.filter((v) => v.expected.includes(201));
  const createdAnswers = sum(creates.map((v) => v.statuses['201'] ?? 0));
  // A create in flight when the load stopped may have stored its row without its 201 being counted.
  const createsInFlight = sum(creates.map((v) => v.sent - v.requests));

  const criteria = soakCriteria({
    serverErrors,
    socketErrors: load.socketErrors,
    timeouts: load.timeouts,
    unexpected,
    rss,
    createdAnswers,
    createsInFlight,
    rowsCreated: input.rows.created,
    rowsCreatedWithoutCredentials: input.rows.createdWithoutCredentials,
  });
  return {
    settings: {
      duration_s: input.settings.durationSeconds,
      connections: input.settings.connections,
      window_s: input.settings.windowSeconds,
      warmup_s: input.settings.warmupSeconds,
      rss_interval_ms: input.settings.rssIntervalMs,
      service_log_level: input.settings.serviceLogLevel,
      rate_limit_per_minute: input.rateLimitPerMinute,
    },
    mix: Object.fromEntries(
      Object.entries(mixShares(input.variants)).map(([kind, share]) => [kind, round(share, 3)]),
    ) as SoakResults['mix'],
    totals: {
      requests,
      in_flight_at_stop: sum(variants.map((v) => v.sent - v.requests)),
      elapsed_s: round(load.elapsedSeconds, 1),
      rps: round(requests / load.elapsedSeconds, 1),
      p50_ms: round(percentile(all, 50), 2),
      p99_ms: round(percentile(all, 99), 2),
      max_ms: round(max(all), 2),
      by_status: byStatus,
      by_kind: byKind,
      outside_2xx_4xx: outside,
      server_errors: serverErrors,
      unexpected,
      socket_errors: load.socketErrors,
      timeouts: load.timeouts,
      error_kinds: load.errorKinds,
    },
    variants,
    windows: load.windows.map((w) => windowFigures(w, input.settings, input.rssSamples)),
    unexpected_samples: load.unexpected,
    rss: {
      start_mb: round(rss.startMb, 1),
      baseline_mb: round(rss.baselineMb, 1),
      baseline_from_s: rss.baselineFromSeconds,
      end_mb: round(rss.endMb, 1),
      end_from_s: rss.endFromSeconds,
      growth: round(rss.growth, 4),
      max_after_warmup_mb: round(rss.maxAfterWarmupMb, 1),
      max_growth: round(rss.maxGrowth, 4),
      trend_mb_per_min: round(rss.trendMbPerMinute, 2),
      peak_mb: round(input.peakRssMb, 1),
      samples: input.rssSamples.map((s) => [round(s.atMs / 1000, 1), round(s.rssMb, 1)]),
    },
    writes: {
      created_answers: createdAnswers,
      creates_in_flight_at_stop: createsInFlight,
      rows_created: input.rows.created,
      rows_created_without_credentials: input.rows.createdWithoutCredentials,
    },
    criteria,
    pass: criteria.every((c) => c.pass),
  };
}
