import { InvalidInputError, NotFoundError } from '../../errors/app-error.js';

/** No node is published under this identifier. */
export class DataNodeNotFoundError extends NotFoundError {
  constructor(readonly identifier: string) {
    super(`no time series is published under identifier '${identifier}' (has its producer run?)`);
  }
}

/** A read would return more rows than the documented bound. */
export class TooManyRowsError extends InvalidInputError {
  constructor(
    readonly identifier: string,
    readonly maxRows: number,
  ) {
    const message = `the range holds more than ${maxRows} rows of '${identifier}'; narrow it (move start_date later or end_date earlier) and request the rest separately`;
    super(message, [{ field: 'query.start_date', message: `range exceeds ${maxRows} rows; narrow it` }]);
  }
}
