import { SOAK_LIMITS } from './soak-config.js';
import { signedPercent } from './soak-criteria.js';
import type { SoakResults } from './soak-results.js';
import { formatTable } from './table.js';

/** The human-readable soak report (`bench/results/soak.txt`): figures, then PASS/FAIL per criterion. */
export function formatSoakReport(results: SoakResults, header: readonly string[]): string {
  const { settings, totals, rss } = results;
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  return [
    ...header,
    `mix per cycle of 100 requests: read ${percent(results.mix.read)}, write ${percent(results.mix.write)}, ` +
      `invalid ${percent(results.mix.invalid)}, unauthenticated ${percent(results.mix.unauthenticated)} (variants below)`,
    '',
    `answers: ${totals.requests} in ${totals.elapsed_s} s (${totals.rps.toFixed(0)} req/s; ${totals.in_flight_at_stop} more were in flight when the load stopped); latency of every answer: ` +
      `p50 ${totals.p50_ms} ms, p99 ${totals.p99_ms} ms, max ${totals.max_ms} ms`,
    `answers by status: ${codes(totals.by_status)}`,
    `answers outside 2xx/4xx: ${totals.outside_2xx_4xx} (5xx: ${totals.server_errors})`,
    `socket errors: ${totals.socket_errors} (timeouts ${totals.timeouts})${kinds(totals.error_kinds)}`,
    `unexpected statuses: ${totals.unexpected} (` +
      Object.entries(totals.by_kind)
        .map(([kind, k]) => `${kind} ${k.unexpected} of ${k.requests}`)
        .join(', ') +
      ')',
    '',
    'by request variant (unexpected = a status not in `expected`, counted as an error):',
    formatTable(
      ['kind', 'variant', 'share', 'expected', 'answers', 'statuses', 'unexpected', 'p50 ms', 'p99 ms'],
      results.variants.map((r) => [
        r.kind,
        r.name,
        `${r.weight}%`,
        r.expected.join('/'),
        String(r.requests),
        codes(r.statuses),
        String(r.unexpected),
        String(r.p50_ms),
        String(r.p99_ms),
      ]),
    ),
    '',
    `over time (windows of ${settings.window_s} s; latency of every answer; RSS of the service read every ${settings.rss_interval_ms / 1000} s):`,
    formatTable(
      ['window', 'answers', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '5xx', 'unexpected', 'socket errors', 'RSS median MB', 'RSS max MB'],
      results.windows.map((w) => [
        `${w.from_s}-${w.to_s} s`,
        String(w.requests),
        w.rps.toFixed(0),
        String(w.p50_ms),
        String(w.p99_ms),
        String(w.max_ms),
        String(w.server_errors),
        String(w.unexpected),
        String(w.socket_errors),
        w.rss_median_mb.toFixed(1),
        w.rss_max_mb.toFixed(1),
      ]),
    ),
    '',
    `memory rule: warm-up = the first ${percent(SOAK_LIMITS.warmupFraction)} of the run (${settings.warmup_s} s); baseline = median RSS over ` +
      `${rss.baseline_from_s}-${settings.warmup_s} s; end = median RSS over the last ${settings.warmup_s} s ` +
      `(${rss.end_from_s}-${settings.duration_s} s); pass when end < baseline x ${1 + SOAK_LIMITS.rssGrowth}.`,
    `  RSS at load start ${rss.start_mb} MB; baseline ${rss.baseline_mb} MB; end ${rss.end_mb} MB (${signedPercent(rss.growth)}); ` +
      `max after warm-up ${rss.max_after_warmup_mb} MB (${signedPercent(rss.max_growth)}); trend after warm-up ` +
      `${rss.trend_mb_per_min >= 0 ? '+' : ''}${rss.trend_mb_per_min} MB/min; peak (VmHWM) ${rss.peak_mb} MB`,
    `writes: ${results.writes.created_answers} x 201 and ${results.writes.creates_in_flight_at_stop} creates in flight at the stop; ` +
      `${results.writes.rows_created} rows with the soak's prefix; ${results.writes.rows_created_without_credentials} rows from unauthenticated POSTs`,
    ...unexpectedSamples(results),
    '',
    ...results.criteria.map((c) => `${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`),
    `soak: ${results.pass ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

function codes(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([code, n]) => `${code} x${n}`)
    .join(', ');
}

function kinds(errorKinds: Record<string, number>): string {
  const entries = Object.entries(errorKinds);
  return entries.length === 0 ? '' : `: ${entries.map(([message, n]) => `${message} x${n}`).join('; ')}`;
}

function unexpectedSamples(results: SoakResults): string[] {
  if (results.unexpected_samples.length === 0) return [];
  return [
    '',
    'unexpected answers (first few per variant and status):',
    ...results.unexpected_samples.map((u) => `  ${u.variant} -> ${u.status}: ${u.body}`),
  ];
}
