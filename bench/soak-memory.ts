import type { RssSample } from './rss-sampler.js';
import { SOAK_LIMITS } from './soak-config.js';
import { max, median } from './stats.js';

/** How the service's resident memory moved over the run, and whether it grew too much. */
export interface RssVerdict {
  /** The first reading, as the load started. */
  startMb: number;
  /** Median over the last `SOAK_LIMITS.baselineSeconds` of warm-up. */
  baselineMb: number;
  baselineFromSeconds: number;
  /** Median over the last stretch of the run as long as the warm-up (the last minute of 5). */
  endMb: number;
  endFromSeconds: number;
  /** (end - baseline) / baseline: the figure the rule judges. */
  growth: number;
  /** Highest reading after warm-up and its growth over the baseline (reported, not judged: GC makes it spiky). */
  maxAfterWarmupMb: number;
  maxGrowth: number;
  /** Least-squares slope of the readings after warm-up. */
  trendMbPerMinute: number;
  pass: boolean;
}

/**
 * The memory rule: warm-up is the first 20% of the run (60 s of 300); the baseline is the
 * median RSS over the last 10 s of warm-up; the end figure is the median over the last 20% of
 * the run. The soak passes when end < baseline x 1.10. Medians rather than single readings, so
 * one garbage-collection swing neither fails nor hides growth.
 *
 * Expected growth: SQLite's page cache (16 MB per connection in better-sqlite3's build) fills as
 * the soak's writes grow the database, about +19 MB of RSS before it levels off (a writes-only
 * probe levelled off after ~90 s); at the default mix that takes longer than five minutes.
 */
export function judgeRssGrowth(samples: readonly RssSample[], durationSeconds: number, warmupSeconds: number): RssVerdict {
  const at = (s: RssSample) => s.atMs / 1000;
  const baselineFromSeconds = Math.max(0, warmupSeconds - SOAK_LIMITS.baselineSeconds);
  const endFromSeconds = durationSeconds - warmupSeconds;
  const baselineMb = median(samples.filter((s) => at(s) >= baselineFromSeconds && at(s) <= warmupSeconds).map((s) => s.rssMb));
  const after = samples.filter((s) => at(s) > warmupSeconds);
  const endMb = median(after.filter((s) => at(s) >= endFromSeconds).map((s) => s.rssMb));
  const maxAfterWarmupMb = max(after.map((s) => s.rssMb));
  const growth = endMb / baselineMb - 1;
  return {
    startMb: samples[0]?.rssMb ?? Number.NaN,
    baselineMb,
    baselineFromSeconds,
    endMb,
    endFromSeconds,
    growth,
    maxAfterWarmupMb,
    maxGrowth: maxAfterWarmupMb / baselineMb - 1,
    trendMbPerMinute: slopePerSecond(after.map((s) => [at(s), s.rssMb])) * 60,
    // NaN (no readings: not Linux, or the process vanished) fails the rule rather than passing it.
    pass: growth < SOAK_LIMITS.rssGrowth,
  };
}

function slopePerSecond(points: readonly (readonly [number, number])[]): number {
  if (points.length < 2) return Number.NaN;
  const meanX = points.reduce((s, [x]) => s + x, 0) / points.length;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return covariance / variance;
}
