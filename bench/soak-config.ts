import { positiveSetting } from './bench-config.js';

/** How long and how hard `make soak` loads the service; SOAK_* variables override the defaults. */
export interface SoakSettings {
  /** SOAK_DURATION: seconds of mixed load (default 300). */
  durationSeconds: number;
  /** SOAK_CONNECTIONS: concurrent keep-alive connections (default 32). */
  connections: number;
  /** SOAK_LOG_LEVEL: the service's LOG_LEVEL (its production default `info`). */
  serviceLogLevel: string;
  /** Width of one report window: 30 s, or a tenth of a shorter run (at least 1 s). */
  windowSeconds: number;
  /** The first 20% of the run, excluded from the memory-growth rule. */
  warmupSeconds: number;
  /** How often the service's RSS is read. */
  rssIntervalMs: number;
}

/** What the soak holds the service to. */
export const SOAK_LIMITS = {
  /** RSS may grow less than this fraction after warm-up (the rule is in `judgeRssGrowth`). */
  rssGrowth: 0.1,
  /** Share of the run that counts as warm-up. */
  warmupFraction: 0.2,
  /** The warm-up baseline is the median RSS over the last this-many seconds of warm-up. */
  baselineSeconds: 10,
} as const;

/** Reads the SOAK_* overrides. */
export function loadSoakSettings(env: Record<string, string | undefined> = process.env): SoakSettings {
  const durationSeconds = positiveSetting(env, 'SOAK_DURATION', 300);
  return {
    durationSeconds,
    connections: positiveSetting(env, 'SOAK_CONNECTIONS', 32),
    serviceLogLevel: env.SOAK_LOG_LEVEL?.trim() || 'info',
    windowSeconds: Math.min(30, Math.max(1, Math.floor(durationSeconds / 10))),
    warmupSeconds: durationSeconds * SOAK_LIMITS.warmupFraction,
    rssIntervalMs: 1_000,
  };
}
