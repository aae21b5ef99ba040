import { connect, type Socket } from 'node:net';

/** One HTTP/1.1 response read off a raw connection. */
export interface RawResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** A kept-alive HTTP/1.1 connection the test drives by hand, so it knows which socket each request goes on. */
export interface RawConnection {
  /** Sends `GET path` with `headers` on this connection and reads the response (Content-Length bodies). */
  get(path: string, headers?: Record<string, string>): Promise<RawResponse>;
  /** Settles when the server has closed the connection. */
  readonly ended: Promise<void>;
  destroy(): void;
}

/** Opens a connection to 127.0.0.1:`port`. */
export async function openRawConnection(port: number): Promise<RawConnection> {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let buffered = Buffer.alloc(0);
  let waiting: (() => void) | undefined;
  let closed = false;
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    waiting?.();
  });
  socket.on('error', () => undefined);
  socket.once('close', () => {
    closed = true;
    waiting?.();
  });

  const read = (): RawResponse | undefined => {
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const [statusLine, ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (buffered.length < end + 4 + length) return undefined;
    const body = buffered.subarray(end + 4, end + 4 + length).toString('utf8');
    buffered = buffered.subarray(end + 4 + length);
    return { status: Number(statusLine!.split(' ')[1]), headers, body };
  };

  return {
    ended,
    destroy: () => socket.destroy(),
    get: (path, headers = {}) =>
      new Promise<RawResponse>((resolve, reject) => {
        const lines = [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        waiting = () => {
          const response = read();
          if (response) {
            waiting = undefined;
            resolve(response);
          } else if (closed) {
            waiting = undefined;
            reject(new Error(`the server closed the connection without answering GET ${path}`));
          }
        };
        waiting();
      }),
  };
}
