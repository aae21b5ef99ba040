import { ConflictError } from '../../errors/app-error.js';

/** An insert or update would duplicate a unique column. */
export class UniqueViolationError extends ConflictError {
  constructor(
    readonly table: string,
    readonly values: Readonly<Record<string, unknown>>,
    cause: unknown,
  ) {
    super(
      `a ${table} row with ${Object.entries(values)
        .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
        .join(' and ')} already exists`,
      { cause },
    );
  }
}
