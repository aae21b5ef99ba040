/** A diff rule a change under review is allowed to break, and why. */
export interface AcceptedBreak {
  rule: string;
  reason: string;
  /** Where it was given: a commit, or the command line. */
  source: string;
}

/** The commit trailer that accepts a known break: `Contract-Break-Accepted: <rule>: <reason>`. */
export const ACCEPT_TRAILER = 'Contract-Break-Accepted';

/** Parses `<rule>: <reason>`; a reason is required, so every accepted break says why. */
export function parseAcceptance(text: string, source: string): AcceptedBreak {
  const match = /^\s*([a-z0-9-]+)\s*:\s*(\S.*?)\s*$/.exec(text);
  if (!match) throw new Error(`${source}: "${text}" is not "<diff rule>: <reason>"`);
  return { rule: match[1]!, reason: match[2]!, source };
}

/**
 * The breaks accepted by `Contract-Break-Accepted` trailers of the commits after `base` up to
 * HEAD: they are part of the change under review, so an acceptance never outlives it.
 */
export function acceptedBreaks(git: (...args: string[]) => string, base: string): AcceptedBreak[] {
  const log = git('log', `--format=%h%x00%(trailers:key=${ACCEPT_TRAILER},valueonly,separator=%x01)%x02`, `${base}..HEAD`);
  return log
    .split('\x02')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      const [commit, trailers = ''] = entry.split('\x00');
      return trailers
        .split('\x01')
        .filter((value) => value.trim())
        .map((value) => parseAcceptance(value, `commit ${commit}`));
    });
}
