import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

import { afterAll, afterEach, beforeAll } from 'vitest';

import type { StorageEngine } from '../../src/data/engine/storage-engine.js';
import type { TestEngine } from '../support/engines.js';
import { buildTestApp, type CapturedLogs } from '../support/test-app.js';

/** The app served as src/server.ts serves it (buildTestApp's `servedAsProduction`), its port and its logs. */
export interface HardenedServer {
  server: Server;
  port: number;
  logs: CapturedLogs;
}

/** Serves the app over `storage` as src/server.ts does: the client limits from the config, Node's own answers as problems. */
export async function startHardenedServer(storage: StorageEngine, env: Record<string, string> = {}): Promise<HardenedServer> {
  const { app: server, logs } = await buildTestApp(storage, { env, servedAsProduction: true });
  return { server, port: (server.address() as AddressInfo).port, logs };
}

/**
 * The set-up of a suite that starts a hardened server per test (each with its own settings) over
 * one database of `engine`: opens the database before the suite and closes it after; after each
 * test, destroys the raw connections opened through `rawRequest` and stops the server.
 */
export function hardenedServerPerTest(engine: TestEngine): {
  start(env?: Record<string, string>): Promise<HardenedServer>;
  rawRequest(port: number, bytes: string | Buffer, trickleMs?: number): RawExchange;
} {
  let storage: StorageEngine;
  let closeStorage: () => Promise<void>;
  let server: Server | undefined;
  const open: RawExchange[] = [];

  beforeAll(async () => {
    ({ storage, close: closeStorage } = await engine.open());
  });
  afterAll(() => closeStorage());
  afterEach(async () => {
    open.splice(0).forEach((exchange) => exchange.socket.destroy());
    if (server) await stopServer(server);
    server = undefined;
  });

  return {
    async start(env = {}) {
      const started = await startHardenedServer(storage, env);
      server = started.server;
      return started;
    },
    rawRequest(port, bytes, trickleMs) {
      const exchange = rawRequest(port, bytes, trickleMs);
      open.push(exchange);
      return exchange;
    },
  };
}

/** Closes a server started by startHardenedServer, its connections included. */
export function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A raw connection: what it received, and when the server ended or closed it. */
export interface RawExchange {
  socket: Socket;
  received(): string;
  /** Resolves with what was received once the server closed the connection (rejects after `withinMs`). */
  closed(withinMs?: number): Promise<string>;
  /** Resolves once `text` has been received. */
  receivedText(text: string, withinMs?: number): Promise<string>;
}

/**
 * Opens a TCP connection to 127.0.0.1:`port` and writes `bytes` (a request, whole or partial);
 * with `trickleMs`, then one more byte every `trickleMs` until the connection closes, as a slow
 * client does (an idle one would be closed by Node's keep-alive timeout anyway).
 */
export function rawRequest(port: number, bytes: string | Buffer, trickleMs?: number): RawExchange {
  const socket = connect(port, '127.0.0.1');
  socket.write(bytes);
  if (trickleMs !== undefined) {
    const trickle = setInterval(() => socket.writable && socket.write('a'), trickleMs);
    socket.once('close', () => clearInterval(trickle));
  }
  const chunks: Buffer[] = [];
  let ended = false;
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    waiters.forEach((w) => w());
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    ended = true;
    waiters.forEach((w) => w());
  });
  const received = () => Buffer.concat(chunks).toString('latin1');
  const waitFor = (done: () => boolean, what: string, withinMs: number) =>
    new Promise<string>((resolve, reject) => {
      if (done()) return resolve(received());
      const timer = setTimeout(
        () => reject(new Error(`${what} not seen within ${withinMs} ms; received ${JSON.stringify(received().slice(0, 300))}`)),
        withinMs,
      );
      waiters.push(() => {
        if (!done()) return;
        clearTimeout(timer);
        resolve(received());
      });
    });
  return {
    socket,
    received,
    // Generous bounds: they only keep a broken build from hanging the suite, they measure nothing.
    closed: (withinMs = 10_000) => waitFor(() => ended, 'the server closing the connection', withinMs),
    receivedText: (text, withinMs = 10_000) => waitFor(() => received().includes(text), JSON.stringify(text), withinMs),
  };
}

/** The status, headers (lower-case names) and body of the first HTTP response in `text`. */
export function parseResponse(text: string): { status: number; headers: Record<string, string>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  return { status: Number(statusLine!.split(' ')[1]), headers, body: text.slice(end + 4, end + 4 + length) };
}
