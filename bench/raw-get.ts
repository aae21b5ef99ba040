import { connect, type Socket } from 'node:net';

/**
 * Hears once per request: `failure` is undefined for a 2xx answer, else `status <code>` or what
 * went wrong with the connection; `status` and `bodyBytes` say what arrived (0 when nothing did).
 */
export type RawGetDone = (failure: string | undefined, status: number, bodyBytes: number) => void;

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** Where the connection is in reading the current response. */
type Reading =
  | { kind: 'idle' }
  | { kind: 'head' }
  | { kind: 'length'; left: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; left: number }
  | { kind: 'chunk-end' }
  | { kind: 'trailer' }
  | { kind: 'until-close' };

const IDLE: Reading = { kind: 'idle' };

/**
 * One keep-alive HTTP/1.1 connection that sends the same GET, one at a time, and reads of each
 * answer only what tells where it ends: the status line, then Content-Length or the chunked
 * framing (a body that has neither ends when the server closes).
 *
 * Why not node:http: the equal-load phase of `make bench` sends up to 12,000 requests a second
 * from one process, and what the client spends per request is CPU the servers cannot have on a
 * two-core machine, and garbage whose collections stall the client and land on whichever server
 * is in its turn. Measured on /health at 6,500 req/s (a throwaway diagnostic, 2 x 10 s): the
 * node:http client used 51 us of CPU per request and 263-319 ms of GC; this one 28-33 us and
 * 73-181 ms. undici's Pool.dispatch measured 38-58 us. test/bench/raw-get.test.ts holds its
 * verdicts equal to node:http's on the framings and failures it handles.
 */
export class RawGetConnection {
  private readonly socket: Socket;
  private reading: Reading = IDLE;
  /** Bytes of a head or chunk-size line that arrived split across reads. */
  private carry: Buffer | undefined;
  private done: RawGetDone | undefined;
  private status = 0;
  private bodyBytes = 0;
  private closeReason: string | undefined;
  /** When the request in flight was written (performance.now()), for `timeOutOlderThan`. */
  private sentAt = 0;
  closed = false;

  constructor(
    host: string,
    port: number,
    private readonly request: Buffer,
  ) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', (error) => {
      this.closeReason ??= error.message;
    });
    this.socket.on('close', () => this.onClose());
  }

  /** The bytes of a GET of `url` with `headers`, kept alive. */
  static requestBytes(url: URL, headers: Record<string, string>): Buffer {
    const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  }

  /** Sends the request; `done` hears when its answer has fully arrived or the connection failed. */
  send(done: RawGetDone): void {
    if (this.done) throw new Error('RawGetConnection.send: a request is already in flight');
    if (this.closed) {
      done(this.closeReason ?? 'socket closed', 0, 0);
      return;
    }
    this.done = done;
    this.reading = { kind: 'head' };
    this.status = 0;
    this.bodyBytes = 0;
    this.sentAt = performance.now();
    this.socket.write(this.request);
  }

  /** Fails the request in flight with `timeout` (closing the connection) when it was sent more than `ms` ago. */
  timeOutOlderThan(ms: number, now: number): void {
    if (this.done && now - this.sentAt > ms) this.close('timeout');
  }

  close(reason = 'closed by the client'): void {
    this.closeReason ??= reason;
    this.closed = true;
    this.socket.destroy();
  }

  private onClose(): void {
    this.closed = true;
    // Only the server's own clean close ends such a body; a reset or our timeout cuts it short.
    if (this.reading.kind === 'until-close' && this.closeReason === undefined) this.finish(undefined);
    else if (this.done) this.finish(this.closeReason ?? 'socket closed before the answer ended');
  }

  private finish(failure: string | undefined): void {
    const done = this.done!;
    this.done = undefined;
    this.reading = IDLE;
    this.carry = undefined;
    const verdict = failure ?? (this.status >= 200 && this.status < 300 ? undefined : `status ${this.status}`);
    done(verdict, this.status, this.bodyBytes);
  }

  private read(chunk: Buffer): void {
    let data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    while (data.length > 0) {
      const used = this.step(data);
      if (used < 0) {
        this.carry = data;
        return;
      }
      data = data.subarray(used);
      if (this.reading.kind === 'idle' && data.length > 0) {
        this.close('bytes after the answer ended');
        return;
      }
    }
  }

  /** Consumes from `data` what the current state can; -1 when it needs more bytes first. */
  private step(data: Buffer): number {
    const reading = this.reading;
    switch (reading.kind) {
      case 'idle':
        this.close('bytes before a request was sent');
        return data.length;
      case 'head': {
        const end = data.indexOf(HEAD_END);
        if (end < 0) return -1;
        this.startBody(data.toString('latin1', 0, end).toLowerCase());
        return end + HEAD_END.length;
      }
      case 'length': {
        const used = Math.min(reading.left, data.length);
        reading.left -= used;
        this.bodyBytes += used;
        if (reading.left === 0) this.finish(undefined);
        return used;
      }
      case 'chunk-size': {
        const end = data.indexOf(CRLF);
        if (end < 0) return -1;
        const size = Number.parseInt(data.toString('latin1', 0, end), 16);
        if (!Number.isFinite(size)) {
          this.close('bad chunk size');
          return data.length;
        }
        this.reading = size === 0 ? { kind: 'trailer' } : { kind: 'chunk-data', left: size };
        return end + CRLF.length;
      }
      case 'chunk-data': {
        const used = Math.min(reading.left, data.length);
        reading.left -= used;
        this.bodyBytes += used;
        if (reading.left === 0) this.reading = { kind: 'chunk-end' };
        return used;
      }
      case 'chunk-end': {
        if (data.length < CRLF.length) return -1;
        if (data[0] !== CRLF[0] || data[1] !== CRLF[1]) {
          this.close('no CRLF after a chunk');
          return data.length;
        }
        this.reading = { kind: 'chunk-size' };
        return CRLF.length;
      }
      case 'trailer': {
        const end = data.indexOf(CRLF);
        if (end < 0) return -1;
        if (end === 0) this.finish(undefined);
        return end + CRLF.length;
      }
      case 'until-close':
        this.bodyBytes += data.length;
        return data.length;
    }
  }

  private startBody(head: string): void {
    this.status = Number(head.slice(9, 12));
    // An interim answer (100 Continue and the like) is followed by the real one.
    if (this.status >= 100 && this.status < 200) return;
    if (this.status === 204 || this.status === 304) return this.finish(undefined);
    const length = /\r\ncontent-length:[ \t]*(\d+)/.exec(head);
    if (/\r\ntransfer-encoding:[^\r]*chunked/.test(head)) this.reading = { kind: 'chunk-size' };
    else if (length) {
      const left = Number(length[1]);
      if (left === 0) return this.finish(undefined);
      this.reading = { kind: 'length', left };
    } else this.reading = { kind: 'until-close' };
  }
}

/** How long a request may wait for its answer before its connection is closed and it counts as a `timeout`. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * `size` RawGetConnections to one URL, handed out first in, first out, so that none sits idle
 * until the server's keep-alive timeout closes it just as a request is put on it. When all are
 * busy, requests wait in order; a connection the server closed is replaced when next needed.
 */
export class RawGetPool {
  private readonly request: Buffer;
  private readonly free: RawGetConnection[] = [];
  private readonly waiting: RawGetDone[] = [];
  private readonly connections = new Set<RawGetConnection>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly url: URL,
    headers: Record<string, string>,
    size: number,
  ) {
    this.request = RawGetConnection.requestBytes(url, headers);
    for (let i = 0; i < size; i++) this.free.push(this.open());
    this.sweep = setInterval(() => {
      const now = performance.now();
      for (const connection of this.connections) connection.timeOutOlderThan(REQUEST_TIMEOUT_MS, now);
    }, 1000);
    this.sweep.unref();
  }

  /** Sends one GET on the next free connection, or once one is free. */
  get(done: RawGetDone): void {
    const connection = this.free.shift();
    if (connection) this.use(connection, done);
    else this.waiting.push(done);
  }

  /** One request on every connection at once, so that all are open and answered before anything is timed. */
  warm(): Promise<unknown> {
    return Promise.all(Array.from({ length: this.free.length }, () => new Promise((resolve) => this.get(resolve))));
  }

  close(): void {
    clearInterval(this.sweep);
    for (const connection of this.connections) connection.close();
    this.connections.clear();
    this.free.length = 0;
  }

  private open(): RawGetConnection {
    const connection = new RawGetConnection(this.url.hostname, Number(this.url.port || 80), this.request);
    this.connections.add(connection);
    return connection;
  }

  private use(connection: RawGetConnection, done: RawGetDone): void {
    let live = connection;
    if (live.closed) {
      this.connections.delete(live);
      live = this.open();
    }
    live.send((failure, status, bodyBytes) => {
      this.release(live);
      done(failure, status, bodyBytes);
    });
  }

  private release(connection: RawGetConnection): void {
    const next = this.waiting.shift();
    if (next) this.use(connection, next);
    else this.free.push(connection);
  }
}
