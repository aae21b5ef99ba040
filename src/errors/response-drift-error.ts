/**
 * A handler produced a response its operation does not document (an undocumented status, a body
 * its schema refuses, a required header missing). The caller gets a generic 500 problem; the
 * details go to the log only.
 */
export class ResponseDriftError extends Error {
  override readonly name = 'ResponseDriftError';

  constructor(
    readonly operationId: string,
    readonly status: number,
    readonly violations: readonly string[],
  ) {
    super(`the ${status} response of ${operationId} does not match the contract: ${violations.join('; ')}`);
  }
}
