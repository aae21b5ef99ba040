/** Facts about the running service itself. */
export class SystemService {
  /**
   * @param contractVersion the contract's `info.version`
   * @param pingDatabase resolves when the database answers; rejects (StorageUnavailableError) when not
   */
  constructor(
    private readonly contractVersion: string,
    private readonly pingDatabase: () => Promise<void>,
  ) {}

  /** Liveness: answering at all means the process is up; the database is not consulted. */
  health(): { status: 'ok'; version: string } {
    return { status: 'ok', version: this.contractVersion };
  }

  /** Readiness: resolves when the database answers, rejects with the outage when it does not. */
  async readiness(): Promise<{ status: 'ready' }> {
    await this.pingDatabase();
    return { status: 'ready' };
  }
}
