import { SOAK_LIMITS } from './soak-config.js';
import type { RssVerdict } from './soak-memory.js';

/** One pass/fail check. */
export interface Criterion {
  name: string;
  pass: boolean;
  detail: string;
}

/** What the criteria judge. */
export interface SoakOutcome {
  serverErrors: number;
  socketErrors: number;
  timeouts: number;
  unexpected: number;
  rss: RssVerdict;
  /** Creates answered 201, and creates still in flight when the load stopped (their rows may exist). */
  createdAnswers: number;
  createsInFlight: number;
  rowsCreated: number;
  rowsCreatedWithoutCredentials: number;
}

/**
 * The soak's criteria: no 5xx, no socket errors or timeouts, no status unexpected for its
 * request, RSS growth after warm-up under 10% (see `judgeRssGrowth`), and writes that did what
 * their answers said.
 */
export function soakCriteria(outcome: SoakOutcome): Criterion[] {
  const { rss } = outcome;
  const rowsMatch =
    outcome.rowsCreated >= outcome.createdAnswers && outcome.rowsCreated <= outcome.createdAnswers + outcome.createsInFlight;
  return [
    { name: 'no 5xx answers', pass: outcome.serverErrors === 0, detail: `${outcome.serverErrors} 5xx` },
    {
      name: 'no socket errors or timeouts',
      pass: outcome.socketErrors === 0,
      detail: `${outcome.socketErrors} (${outcome.timeouts} timeouts)`,
    },
    {
      name: 'every answer has a status expected for its request',
      pass: outcome.unexpected === 0,
      detail: `${outcome.unexpected} unexpected`,
    },
    {
      name: `RSS grows < ${SOAK_LIMITS.rssGrowth * 100}% after warm-up`,
      pass: rss.pass,
      detail: `${rss.baselineMb.toFixed(1)} -> ${rss.endMb.toFixed(1)} MB (${signedPercent(rss.growth)})`,
    },
    {
      name: 'each 201 stored one row; no unauthenticated write stored any',
      pass: rowsMatch && outcome.rowsCreatedWithoutCredentials === 0,
      detail:
        `${outcome.createdAnswers} x 201 (+${outcome.createsInFlight} creates in flight at the stop), ${outcome.rowsCreated} rows; ` +
        `${outcome.rowsCreatedWithoutCredentials} rows without credentials`,
    },
  ];
}

/** `+4.2%` / `-1.0%`. */
export function signedPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}
