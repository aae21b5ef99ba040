import { ServiceUnavailableError } from '../../errors/app-error.js';

/** Why the database could not serve a query. */
export type OutageKind = 'unreachable' | 'timeout' | 'unreadable';

/** Seconds a caller is asked to wait before retrying (the Retry-After the contract documents). */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

const DESCRIPTIONS: Record<OutageKind, string> = {
  unreachable: 'The database cannot be reached',
  timeout: 'The database did not answer within its statement timeout',
  unreadable: 'The database file cannot be opened or read',
};

/**
 * The database is down, unreachable, locked past the statement timeout or unreadable. The
 * engine's own error (host names, file paths) stays in `cause`, for the log only.
 */
export class StorageUnavailableError extends ServiceUnavailableError {
  constructor(
    readonly outage: OutageKind,
    cause: unknown,
  ) {
    super('database_unavailable', `${DESCRIPTIONS[outage]}; retry after ${STORAGE_RETRY_AFTER_SECONDS} s`, STORAGE_RETRY_AFTER_SECONDS, {
      cause,
    });
  }
}
