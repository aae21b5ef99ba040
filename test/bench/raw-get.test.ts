import { Agent, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RawGetPool } from '../../bench/raw-get.js';

/** What a client made of one answer: whether it counts as a success, its status and how many body bytes came. */
interface Verdict {
  ok: boolean;
  status: number;
  bodyBytes: number;
}

const big = 'x'.repeat(100_000);
const chunked = (...parts: string[]) =>
  parts.map((part) => `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`).join('') + '0\r\n\r\n';

/** Canned answers by path, written as raw bytes so that every framing can be served exactly. */
const ANSWERS: Record<string, string> = {
  '/length': 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}',
  '/big': `HTTP/1.1 200 OK\r\ncontent-length: ${big.length}\r\n\r\n${big}`,
  '/chunked': `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${chunked('hello ', big, '{"n":1}')}`,
  '/trailer': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n5\r\nhello\r\n0\r\nX-Sum: 5\r\n\r\n',
  '/missing': 'HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nContent-Length: 17\r\n\r\n{"title":"nope"}\n',
  '/empty': 'HTTP/1.1 204 No Content\r\n\r\n',
  '/zero': 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
  '/interim': 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
  '/server-error': 'HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbusy\r\n0\r\n\r\n',
};

/** Answers that end the connection: a body that runs to the close, and bodies cut short (`/reset` by a TCP reset). */
const CLOSING: Record<string, string> = {
  '/until-close': 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it',
  '/cut': 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part',
  '/reset': 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nsome of it',
};
const CUT_SHORT = new Set(['/cut', '/reset']);

/** Bytes at each end of an answer that `?trickle` writes one at a time. */
const TRICKLED = 300;

/**
 * A keep-alive server that writes each canned answer whole, or with its first and last
 * TRICKLED bytes one at a time when the request asks for `?trickle` (so that heads, chunk sizes
 * and CRLFs arrive split across reads).
 */
function cannedServer(sockets: Set<Socket>): Server {
  return createServer((socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = '';
    let answering = Promise.resolve();
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const target = new URL(pending.slice(4, pending.indexOf(' ', 4)), 'http://canned');
        pending = pending.slice(end + 4);
        answering = answering.then(() => answer(socket, target));
      }
    });
  });
}

async function answer(socket: Socket, target: URL): Promise<void> {
  const closing = CLOSING[target.pathname];
  const bytes = closing ?? ANSWERS[target.pathname] ?? 'HTTP/1.1 500 Unknown\r\nContent-Length: 0\r\n\r\n';
  const whole = Buffer.from(bytes, 'latin1');
  if (target.searchParams.has('trickle') && whole.length > 2 * TRICKLED) {
    await trickle(socket, whole.subarray(0, TRICKLED));
    socket.write(whole.subarray(TRICKLED, whole.length - TRICKLED));
    await trickle(socket, whole.subarray(whole.length - TRICKLED));
  } else if (target.searchParams.has('trickle')) await trickle(socket, whole);
  else socket.write(whole);
  if (target.pathname === '/reset') {
    // Let the bytes reach the client before the reset.
    await sleep(20);
    socket.resetAndDestroy();
  } else if (closing) socket.end();
}

async function trickle(socket: Socket, bytes: Buffer): Promise<void> {
  for (const byte of bytes) {
    socket.write(Buffer.of(byte));
    await sleep(1);
  }
}

function viaRaw(pool: RawGetPool): Promise<Verdict> {
  return new Promise((resolve) => pool.get((failure, status, bodyBytes) => resolve({ ok: failure === undefined, status, bodyBytes })));
}

/** The oracle: what node:http's client makes of the same answer (a 2xx that ends cleanly is a success). */
function viaNodeHttp(url: string): Promise<Verdict> {
  return new Promise((resolve) => {
    const agent = new Agent({ keepAlive: true });
    const settle = (verdict: Verdict) => {
      agent.destroy();
      resolve(verdict);
    };
    get(url, { agent }, (res) => {
      let bodyBytes = 0;
      const status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      res.on('end', () => settle({ ok: !res.aborted && res.complete && status >= 200 && status < 300, status, bodyBytes }));
      res.on('error', () => settle({ ok: false, status, bodyBytes }));
    }).on('error', () => settle({ ok: false, status: 0, bodyBytes: 0 }));
  });
}

describe('RawGetPool against node:http (the oracle)', () => {
  let server: Server;
  let base: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = cannedServer(sockets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const paths = [...Object.keys(ANSWERS), ...Object.keys(CLOSING)];
  for (const path of paths) {
    for (const query of ['', '?trickle']) {
      it(`reads ${path}${query} as node:http does`, async () => {
        const pool = new RawGetPool(new URL(`${base}${path}${query}`), {}, 1);
        try {
          const [raw, oracle] = await Promise.all([viaRaw(pool), viaNodeHttp(`${base}${path}${query}`)]);
          // A connection cut short is a failure to both; what arrived of it is not compared.
          if (CUT_SHORT.has(path)) expect([raw.ok, oracle.ok]).toEqual([false, false]);
          else expect(raw).toEqual(oracle);
        } finally {
          pool.close();
        }
      }, 5000);
    }
  }

  it('names the status of a non-2xx answer as its failure', async () => {
    const pool = new RawGetPool(new URL(`${base}/missing`), {}, 1);
    const failure = await new Promise((resolve) => pool.get(resolve));
    pool.close();
    expect(failure).toBe('status 404');
  });

  it('keeps its connections alive: many requests over two connections, each answered in full', async () => {
    let accepted = 0;
    const count = () => accepted++;
    server.on('connection', count);
    const pool = new RawGetPool(new URL(`${base}/chunked`), {}, 2);
    const verdicts = await Promise.all(Array.from({ length: 50 }, () => viaRaw(pool)));
    pool.close();
    server.off('connection', count);
    expect(verdicts.every((v) => v.ok && v.bodyBytes === 6 + big.length + 7)).toBe(true);
    expect(accepted).toBe(2);
  });

  it('reuses its connection after every framing that leaves it open', async () => {
    const connectionsByPath: Record<string, number> = {};
    for (const path of Object.keys(ANSWERS)) {
      let accepted = 0;
      const count = () => accepted++;
      server.on('connection', count);
      const pool = new RawGetPool(new URL(`${base}${path}?trickle`), {}, 1);
      const verdicts = [await viaRaw(pool), await viaRaw(pool), await viaRaw(pool)];
      pool.close();
      server.off('connection', count);
      expect(verdicts.slice(1), path).toEqual([verdicts[0], verdicts[0]]);
      connectionsByPath[path] = accepted;
    }
    expect(connectionsByPath).toEqual(Object.fromEntries(Object.keys(ANSWERS).map((path) => [path, 1])));
  });

  it('replaces a connection the server closed, so the next request is answered', async () => {
    const pool = new RawGetPool(new URL(`${base}/until-close`), {}, 1);
    const verdicts = [await viaRaw(pool)];
    await sleep(20);
    verdicts.push(await viaRaw(pool));
    pool.close();
    expect(verdicts).toEqual([
      { ok: true, status: 200, bodyBytes: 9 },
      { ok: true, status: 200, bodyBytes: 9 },
    ]);
  });

  it('fails a request whose server refuses the connection, naming why', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const pool = new RawGetPool(new URL(`http://127.0.0.1:${port}/`), {}, 1);
    const failure = await new Promise((resolve) => pool.get(resolve));
    pool.close();
    expect(failure).toMatch(/ECONNREFUSED/);
  });

  it('sends the headers it was given', async () => {
    const seen: string[] = [];
    const echo = createServer((socket) => {
      socket.once('data', (chunk) => {
        seen.push(chunk.toString('latin1'));
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const port = (echo.address() as AddressInfo).port;
    const pool = new RawGetPool(new URL(`http://127.0.0.1:${port}/customers?region=US`), { Authorization: 'Bearer abc' }, 1);
    await new Promise((resolve) => pool.get(resolve));
    pool.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
    expect(seen).toEqual([`GET /customers?region=US HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer abc\r\n\r\n`]);
  });
});
