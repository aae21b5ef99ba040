import { ShuttingDownError } from './shutting-down-error.js';

/** Facts about the running service itself. */
export class SystemService {
  /**
   * @param contractVersion the contract's `info.version`
   * @param pingDatabase resolves when the database answers; rejects (StorageUnavailableError) when not
   * @param isStopping true once the process was told to stop (SIGTERM)
   */
  constructor(
    private readonly contractVersion: string,
    private readonly pingDatabase: () => Promise<void>,
    private readonly isStopping: () => boolean = () => false,
  ) {}

  /** Liveness: answering at all means the process is up; the database is not consulted. */
  health(): { status: 'ok'; version: string } {
    return { status: 'ok', version: this.contractVersion };
  }

  /**
   * Readiness: resolves when the database answers, rejects with the outage when it does not,
   * and with ShuttingDownError from the moment the process is told to stop, so load balancers
   * take it out of rotation while it still answers.
   */
  async readiness(): Promise<{ status: 'ready' }> {
    if (this.isStopping()) throw new ShuttingDownError();
    await this.pingDatabase();
    return { status: 'ready' };
  }
}
