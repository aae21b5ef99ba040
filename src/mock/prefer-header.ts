import { HttpProblemError } from '../errors/http-problem-error.js';

/** What a caller asks of the mock with `Prefer` (RFC 7240 preferences, as Prism reads them). */
export interface MockPreferences {
  /** `code=404`: answer this documented status. */
  code?: string;
  /** `example=<name>`: answer this named example. */
  example?: string;
  /** `dynamic=true`: answer data generated from the response schema instead of an example. */
  dynamic?: boolean;
}

/** Parses `Prefer: code=404, example=empty, dynamic=true`; other preferences are ignored, as RFC 7240 says. */
export function parsePrefer(header: string | undefined): MockPreferences {
  const preferences: MockPreferences = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const [key, raw] = part.split('=').map((s) => s.trim());
    const value = raw?.replace(/^"(.*)"$/, '$1');
    if (!value) continue;
    if (key === 'code' || key === 'example') preferences[key] = value;
    else if (key === 'dynamic') {
      if (value !== 'true' && value !== 'false') throw preferProblem(`Prefer: dynamic=${value} must be true or false`);
      preferences.dynamic = value === 'true';
    }
  }
  return preferences;
}

/** A `Prefer` the mock cannot honour: a 400 validation problem naming the header (every operation documents 400). */
export function preferProblem(detail: string): HttpProblemError {
  return new HttpProblemError('validation_error', 400, detail, { errors: [{ field: 'header.prefer', message: detail }] });
}
