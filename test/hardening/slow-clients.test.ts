import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config.js';
import { engines } from '../support/engines.js';
import { mintTestToken } from '../support/test-app.js';
import { hardenedServerPerTest, parseResponse } from './hardened-server.js';

const sqlite = engines[0]!;

/** A POST /customers announcing a 100 KB body and sending 1 KB of it. */
function partialUpload(headers: string[] = []): string {
  return [
    'POST /customers HTTP/1.1',
    'Host: x',
    'Content-Type: application/json',
    'Content-Length: 100000',
    ...headers,
    '',
    `{"customer_code":"${'A'.repeat(1000)}`,
  ].join('\r\n');
}

describe('issue 17 item 7: slow and anonymous uploaders', () => {
  const servers = hardenedServerPerTest(sqlite);

  it('issue 17 item 7: a request without credentials is answered 401 before its body is read, and its connection is closed', async () => {
    const started = await servers.start();
    // The body trickles in and never finishes: the answer and the close must not wait for it.
    const upload = servers.rawRequest(started.port, partialUpload(), 100);
    const response = parseResponse(await upload.closed());
    expect(response.status).toBe(401);
    expect(response.headers['connection']).toBe('close');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('issue 17 item 7: a client too slow with its headers gets a 408 problem once HEADERS_TIMEOUT_MS passes', async () => {
    const started = await servers.start({ HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' });
    const slow = servers.rawRequest(started.port, 'GET /health HTTP/1.1\r\nHost: x\r\n');
    const response = parseResponse(await slow.closed());
    expect(response.status).toBe(408);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(response.body)).toMatchObject({ status: 408, title: 'Request Timeout', type: 'urn:problem-type:request-timeout' });
  });

  it('issue 17 item 7: an authenticated client too slow with its body gets a 408 problem once REQUEST_TIMEOUT_MS passes', async () => {
    const started = await servers.start({ HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' });
    const upload = servers.rawRequest(started.port, partialUpload([`Authorization: Bearer ${await mintTestToken()}`]), 50);
    const response = parseResponse(await upload.closed());
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body)).toMatchObject({ status: 408 });
    const line = started.logs.lines.find((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 408);
    expect(line, started.logs.text()).toMatchObject({ req: { method: 'POST', url: '/customers' } });
  });

  it('issue 17 item 7: MAX_CONNECTIONS caps the sockets open at once (default 1024)', async () => {
    expect(loadConfig({}).maxConnections).toBe(1024);
    const started = await servers.start({ MAX_CONNECTIONS: '2' });
    const { server } = started;
    expect(server.maxConnections).toBe(2);
    for (let i = 0; i < 2; i++) {
      const held = servers.rawRequest(started.port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      await held.receivedText('HTTP/1.1 200');
    }
    const third = servers.rawRequest(started.port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await third.closed()).toBe('');
  });

  it('issue 17 item 7: the timeouts are validated like every setting (defaults 10 s and 30 s)', () => {
    expect(loadConfig({})).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 });
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '40000', REQUEST_TIMEOUT_MS: '30000' })).toThrow(ConfigError);
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ MAX_CONNECTIONS: '0' })).toThrow(/MAX_CONNECTIONS/);
  });
});
