import { connect, createServer, type Server, type Socket } from 'node:net';

/** What became of one client connection the proxy accepted. */
export interface ProxiedConnection {
  /** Bytes either side sent while the link was blackholed, and which were lost. */
  droppedBytes: number;
  /** Whether the client (the service under test) has closed it. */
  closed: boolean;
  /** The client's local port, as /proc/net/tcp lists it. */
  clientPort: number;
}

/** A TCP proxy in front of a database whose link a test can cut, silence and restore. */
export interface CuttableProxy {
  /** host:port to connect to instead of the database. */
  readonly port: number;
  /** Drops every open connection and refuses new ones, as a database that went away. */
  cut(): void;
  /**
   * Keeps every connection open but forwards nothing either way, and accepts new connections
   * that hear nothing: a link that went silent (packets dropped, no reset). Bytes sent
   * meanwhile are lost, so a query sent now never gets its answer.
   */
  blackhole(): void;
  /**
   * Keeps every connection open and stops reading from the clients, without losing a byte: a
   * peer that has stalled (a paused Redis, a link retransmitting). Whatever was sent meanwhile
   * is delivered, in order, once restored.
   */
  stall(): void;
  /** Forwards again, new connections and (after a blackhole or a stall) the open ones. */
  restore(): void;
  /** Every client connection accepted so far, in order. */
  readonly connections: readonly ProxiedConnection[];
  close(): Promise<void>;
}

/** Starts a proxy on `listenPort` (a free local port by default) forwarding to `target`. */
export async function startCuttableProxy(target: { host: string; port: number }, listenPort = 0): Promise<CuttableProxy> {
  const open = new Set<Socket>();
  const clients = new Set<Socket>();
  const connections: ProxiedConnection[] = [];
  let down = false;
  let silent = false;
  let stalled = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  // Chunk by chunk rather than pipe(), so that a blackhole can drop what is in flight.
  const forward = (from: Socket, to: Socket, connection: ProxiedConnection) =>
    from.on('data', (chunk: Buffer) => {
      if (silent) connection.droppedBytes += chunk.length;
      else to.write(chunk);
    });
  const server: Server = createServer((client) => {
    track(client);
    if (down) {
      client.destroy();
      return;
    }
    clients.add(client);
    client.once('close', () => clients.delete(client));
    if (stalled) client.pause();
    const connection: ProxiedConnection = { droppedBytes: 0, closed: false, clientPort: client.remotePort ?? 0 };
    connections.push(connection);
    const upstream = connect(target.port, target.host);
    track(upstream);
    forward(client, upstream, connection);
    forward(upstream, client, connection);
    client.once('close', () => {
      connection.closed = true;
      upstream.destroy();
    });
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy has no address');
  return {
    port: address.port,
    connections,
    cut() {
      down = true;
      for (const socket of open) socket.destroy();
    },
    blackhole() {
      silent = true;
    },
    stall() {
      stalled = true;
      for (const client of clients) client.pause();
    },
    restore() {
      down = false;
      silent = false;
      stalled = false;
      for (const client of clients) client.resume();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
