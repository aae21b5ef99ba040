/**
 * What a part of the service gets to parse its own settings with: config.ts owns the environment
 * and hands each part a reader over its slice (identity gets the AUTH_* variables), so no part
 * imports config.ts back.
 */

/** The deployment kind NODE_ENV names; `production` turns on production safety checks. */
export type NodeEnv = 'development' | 'production' | 'test';

/** How a parser in another module reads its variables and reports a bad one. */
export interface EnvReader {
  /** The trimmed value, or undefined when unset or empty. */
  text(name: string): string | undefined;
  /** Throws a ConfigError naming `name`. */
  fail(name: string, problem: string): never;
}
