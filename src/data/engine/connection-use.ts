/**
 * How an engine's connections are used, as its driver hands them out: how many callers wait
 * for one right now, how many hold one, and how long each wait took (told to `onAcquired`,
 * which the service's metrics pass in; successful or not, a wait is a wait).
 */
export class ConnectionUse {
  waiting = 0;
  inUse = 0;

  constructor(private readonly onAcquired?: (waitSeconds: number) => void) {}

  /** Runs `acquire`, counting the caller as waiting meanwhile and the connection as in use once it is handed out. */
  async acquire<T>(acquire: () => Promise<T>): Promise<T> {
    const started = this.onAcquired ? performance.now() : 0;
    this.waiting += 1;
    try {
      const connection = await acquire();
      this.inUse += 1;
      return connection;
    } finally {
      this.waiting -= 1;
      if (this.onAcquired) this.onAcquired((performance.now() - started) / 1000);
    }
  }

  /** A connection went back. */
  released(): void {
    this.inUse -= 1;
  }
}
