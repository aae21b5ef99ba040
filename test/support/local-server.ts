import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server listening on a free port of 127.0.0.1. */
export interface LocalServer {
  baseUrl: string;
  /** Closes the server (and any kept-alive connections) and resolves once it has. */
  close(): Promise<void>;
}

/** Starts `server` on a free port of 127.0.0.1. */
export async function listenLocally(server: Server): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Servers a test file starts, closed after each test: `started.listen(server)` in a test,
 * `afterEach(started.closeAll)` once.
 */
export function startedServers() {
  const open: LocalServer[] = [];
  return {
    async listen(server: Server): Promise<string> {
      const local = await listenLocally(server);
      open.push(local);
      return local.baseUrl;
    },
    async closeAll(): Promise<void> {
      await Promise.all(open.splice(0).map((local) => local.close()));
    },
  };
}
