import type { Server, ServerResponse } from 'node:http';

import { InFlightResponses } from './in-flight-responses.js';

/** What a drain achieved. */
export interface DrainOutcome {
  /** Requests still in flight when the grace period ran out, whose connections were cut. */
  cutOff: number;
}

/** Stops a server without dropping the requests it has accepted. */
export interface RequestDrainer {
  /**
   * From now on each response says `Connection: close`, its own connection included: the
   * server still accepts connections and answers every request, while clients and load
   * balancers move their traffic elsewhere (the drain window before `drain`).
   */
  stopKeepingAlive(): void;
  /**
   * Stops accepting connections, lets every request in flight finish (each answered with
   * `Connection: close`), closes connections as they fall idle, and after `graceMs` cuts off
   * whatever is still running.
   */
  drain(graceMs: number): Promise<DrainOutcome>;
}

const IDLE_SWEEP_MS = 50;

/** Starts tracking `server`'s requests in flight; call before it accepts any. */
export function trackRequestsInFlight(server: Server): RequestDrainer {
  const inFlight = new InFlightResponses();
  let draining = false;
  server.prependListener('request', (_req, res: ServerResponse) => {
    const leave = inFlight.add(res);
    // A request that arrives on a kept-alive connection during the drain is still served.
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', leave);
  });

  const stopKeepingAlive = () => {
    draining = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
  };

  return {
    stopKeepingAlive,
    async drain(graceMs) {
      stopKeepingAlive();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections between requests would hold `close` open until they time out.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace over'>((resolve) => {
        timer = setTimeout(() => resolve('grace over'), graceMs);
      });
      try {
        if ((await Promise.race([closed, graceOver])) !== 'grace over') return { cutOff: 0 };
        const cutOff = inFlight.size;
        server.closeAllConnections();
        await closed;
        return { cutOff };
      } finally {
        clearInterval(sweep);
        clearTimeout(timer);
      }
    },
  };
}
