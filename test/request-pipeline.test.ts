import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { engines } from './support/engines.js';
import { buildTestApp, mintTestToken } from './support/test-app.js';

/**
 * POSTs a request head announcing a JSON body of `length` bytes, then only `body` (nothing by
 * default), and resolves with the status line of the answer: an answer to a request whose body
 * never came proves the server did not wait to read it.
 */
function postStatus(server: Server, path: string, headers: Record<string, string>, length = 50_000, body = ''): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${path} while its body was outstanding`));
    }, 5_000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (!received.includes('\r\n')) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(received.slice(0, received.indexOf('\r\n')));
    });
    socket.on('error', reject);
    const lines = Object.entries({ ...headers, Host: '127.0.0.1', 'Content-Type': 'application/json', 'Content-Length': String(length) });
    socket.write(`POST ${path} HTTP/1.1\r\n${lines.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`);
  });
}

describe('the request pipeline, phase by phase', () => {
  let app: Server;
  let limited: Server;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await engines[0]!.open();
    close = opened.close;
    ({ app } = await buildTestApp(opened.storage, { env: { BODY_LIMIT_BYTES: '1024' } }));
    ({ app: limited } = await buildTestApp(opened.storage, { env: { RATE_LIMIT_PER_MINUTE: '2' } }));
  });
  afterAll(() => close());

  it('when a secured operation is called without credentials, answers 401 without reading the body', async () => {
    expect(await postStatus(app, '/customers', {})).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('when the credentials are invalid, answers 401 without reading the body', async () => {
    expect(await postStatus(app, '/customers', { Authorization: 'Bearer not-a-token' })).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('when the caller lacks the scope, answers 403 without reading the body', async () => {
    const token = await mintTestToken({ scopes: ['customers:read'] });
    expect(await postStatus(app, '/customers', { Authorization: `Bearer ${token}` })).toBe('HTTP/1.1 403 Forbidden');
  });

  it('when no operation is at the path, answers 404 without reading the body', async () => {
    expect(await postStatus(app, '/nowhere', {})).toBe('HTTP/1.1 404 Not Found');
  });

  it('when the caller is known and allowed, the body is read, and one over the limit is a 413', async () => {
    const token = await mintTestToken();
    const oversized = `{"name":"${'x'.repeat(5_000)}"}`;
    const status = await postStatus(app, '/customers', { Authorization: `Bearer ${token}` }, oversized.length, oversized);
    expect(status).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('when an anonymous caller is over its budget, answers 429 before saying 401, and reads no body', async () => {
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) statuses.push(await postStatus(limited, '/customers', {}));
    expect(statuses).toEqual(['HTTP/1.1 401 Unauthorized', 'HTTP/1.1 401 Unauthorized', 'HTTP/1.1 429 Too Many Requests']);
  });
});
