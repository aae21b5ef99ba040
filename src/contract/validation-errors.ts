import type { ErrorObject } from 'ajv';

import type { FieldError } from '../errors/app-error.js';

const LOCATIONS: Record<string, string> = { query: 'query', path: 'path', header: 'header', requestBody: 'body' };

/**
 * Names each failing field the way a caller wrote it (`query.limit`, `body.customer_code`,
 * `path.customer_code`) from ajv's errors over openapi-backend's request envelope.
 */
export function fieldErrorsFromAjv(errors: readonly ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors) {
    const fieldError = toFieldError(error);
    const key = `${fieldError.field}\u0000${fieldError.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push(fieldError);
    }
  }
  return result;
}

function toFieldError(error: ErrorObject): FieldError {
  if (error.keyword === 'parse') return { field: 'body', message: 'is not valid JSON' };
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  const location = LOCATIONS[segments[0] ?? ''] ?? segments[0];
  const rest = segments.slice(1);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    if (segments.length === 0 && params.missingProperty === 'requestBody') return { field: 'body', message: 'is required' };
    if (segments.length === 0) return { field: LOCATIONS[params.missingProperty] ?? params.missingProperty, message: 'is required' };
    return { field: join(location, [...rest, params.missingProperty]), message: 'is required' };
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    const what = location === 'body' ? 'property' : 'parameter';
    return { field: join(location, [...rest, params.additionalProperty]), message: `is not a documented ${what}` };
  }
  return { field: join(location, rest), message: describe(error) };
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'format') return `must be a valid ${String(params.format)}`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return error.message ?? 'is invalid';
}

function join(location: string | undefined, path: string[]): string {
  return [location ?? 'request', ...path].join('.');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Most field errors one problem lists (a URL full of unknown parameters would otherwise list them all). */
export const MAX_LISTED_FIELD_ERRORS = 20;

/** Longest field name a problem repeats (a parameter's name comes from the caller); longer ones are cut, marked with `...`. */
export const MAX_LISTED_FIELD_LENGTH = 100;

/** The first MAX_LISTED_FIELD_ERRORS of `errors`, their names cut to MAX_LISTED_FIELD_LENGTH, and how many were left out. */
export function boundFieldErrors(errors: readonly FieldError[]): { listed: FieldError[]; more: number } {
  const listed = errors
    .slice(0, MAX_LISTED_FIELD_ERRORS)
    .map((error) =>
      error.field.length > MAX_LISTED_FIELD_LENGTH ? { ...error, field: `${error.field.slice(0, MAX_LISTED_FIELD_LENGTH - 3)}...` } : error,
    );
  return { listed, more: errors.length - listed.length };
}
