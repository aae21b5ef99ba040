/** The spec and the handler map disagree; the server must not start. */
export class ContractMismatchError extends Error {
  constructor(
    readonly missing: string[],
    readonly extra: string[],
  ) {
    super(
      [
        missing.length > 0 ? `operations without a handler: ${missing.join(', ')}` : '',
        extra.length > 0 ? `handlers for no operation: ${extra.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
}

/** Throws unless every spec operationId has exactly one handler and every handler an operation. */
export function assertHandlersMatch(operationIds: string[], handlerIds: string[]): void {
  const missing = operationIds.filter((id) => !handlerIds.includes(id));
  const extra = handlerIds.filter((id) => !operationIds.includes(id));
  if (missing.length > 0 || extra.length > 0) throw new ContractMismatchError(missing, extra);
}
