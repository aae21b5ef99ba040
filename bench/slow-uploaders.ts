import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { createBenchIdentity } from './identity.js';
import { serviceLaunch } from './launches.js';
import { DATA_DIR } from './paths.js';
import { prepareBenchDatabase } from './prepare-db.js';
import { freePort, startServer } from './processes.js';
import { sampleRss } from './rss-sampler.js';

/** Slow uploaders of each kind, how much of its announced body each sends, and how long they hold on. */
const UPLOADERS = Number(process.env.SLOW_UPLOADERS ?? 200);
const ANNOUNCED_BYTES = 100_000;
const SENT_BYTES = 99_000;
const HOLD_MS = Number(process.env.SLOW_UPLOADERS_HOLD_MS ?? 10_000);

/** A stalled uploader sends one more byte this often, as a slow client does (an idle socket would fall to Node's 5 s keep-alive timeout). */
const TRICKLE_MS = 1_000;

/** One connection that announced a 100 KB body, sent 99 KB of it and then trickles a byte a second, never finishing. */
interface Uploader {
  socket: Socket;
  answered: () => string | undefined;
  closedByServer: () => boolean;
}

function slowUpload(port: number, authorization: string | undefined): Uploader {
  const socket = connect(port, '127.0.0.1');
  let first = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => {
    if (first.length < 20) first += chunk.toString('latin1', 0, 20);
  });
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  const headers = ['POST /customers HTTP/1.1', 'Host: bench', 'Content-Type: application/json', `Content-Length: ${ANNOUNCED_BYTES}`];
  if (authorization) headers.push(`Authorization: ${authorization}`);
  socket.write(`${headers.join('\r\n')}\r\n\r\n{"customer_code":"SLOW","name":"${'x'.repeat(SENT_BYTES - 40)}`);
  const trickle = setInterval(() => socket.writable && socket.write('x'), TRICKLE_MS);
  socket.once('close', () => clearInterval(trickle));
  return { socket, answered: () => (first ? first.split('\r\n')[0] : undefined), closedByServer: () => closed };
}

/**
 * `make bench-slow-uploaders` (issue 17 item 7): starts the production build on the bench's
 * SQLite dataset, opens SLOW_UPLOADERS (200) authenticated and as many anonymous connections that
 * each announce a 100 KB body of POST /customers, send 99 KB of it and then a byte a second, holds them
 * SLOW_UPLOADERS_HOLD_MS (10 s, under the default 30 s REQUEST_TIMEOUT_MS, so every authenticated
 * body is still held) while sampling the server's RSS, prints the figures and stops by itself.
 */
async function main(): Promise<void> {
  const db = prepareBenchDatabase(join(DATA_DIR, 'slow-uploaders.sqlite'));
  const identity = await createBenchIdentity({ scopes: 'customers:read customers:write' });
  const launch = serviceLaunch(db.file, identity.secret, 'warn');
  const server = await startServer({ ...launch, port: await freePort() }, '/health', identity.headers);
  const port = Number(new URL(server.baseUrl).port);
  const uploaders: Uploader[] = [];
  try {
    for (let i = 0; i < 20; i++) await (await fetch(`${server.baseUrl}/customers?limit=5`, { headers: identity.headers })).arrayBuffer();
    await sleep(500);
    const before = sampleRss(server.pid, 50).stop();
    const rss = sampleRss(server.pid, 100);
    for (let i = 0; i < UPLOADERS; i++) {
      uploaders.push(slowUpload(port, `Bearer ${identity.token}`), slowUpload(port, undefined));
      if (i % 20 === 19) await sleep(10);
    }
    await sleep(HOLD_MS);
    const peak = rss.stop();
    const anonymous = uploaders.filter((_, i) => i % 2 === 1);
    const authenticated = uploaders.filter((_, i) => i % 2 === 0);
    const count = (list: Uploader[], test: (u: Uploader) => boolean) => list.filter(test).length;
    console.log(
      [
        `slow uploaders: ${UPLOADERS} authenticated + ${UPLOADERS} anonymous connections, each announcing a ${ANNOUNCED_BYTES / 1000} KB POST /customers body and sending ${SENT_BYTES / 1000} KB of it then a byte a second, held ${HOLD_MS / 1000} s (${new Date().toISOString()}, node ${process.version})`,
        `server RSS: ${before.toFixed(1)} MB before, peak ${peak.toFixed(1)} MB while held (sampled every 100 ms with the kernel's VmHWM)`,
        `anonymous: ${count(anonymous, (u) => u.answered()?.includes(' 401 ') ?? false)} answered 401, ${count(anonymous, (u) => u.closedByServer())} closed by the server`,
        `authenticated: ${count(authenticated, (u) => u.answered() === undefined && !u.closedByServer())} still open and unanswered (their bodies are read as they come, until REQUEST_TIMEOUT_MS)`,
      ].join('\n'),
    );
  } finally {
    uploaders.forEach((u) => u.socket.destroy());
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
