/** Facts about the running service itself. */
export class SystemService {
  constructor(private readonly contractVersion: string) {}

  /** Liveness: answering at all means the process is up. */
  health(): { status: 'ok'; version: string } {
    return { status: 'ok', version: this.contractVersion };
  }
}
