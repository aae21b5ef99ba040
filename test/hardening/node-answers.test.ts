import { describe, expect, it } from 'vitest';

import { engines } from '../support/engines.js';
import { hardenedServerPerTest, parseResponse } from './hardened-server.js';

const sqlite = engines[0]!;

describe('answers Node sends by itself', () => {
  const servers = hardenedServerPerTest(sqlite);

  const cases: { status: number; title: string; bytes: string; env: Record<string, string> }[] = [
    { status: 400, title: 'Bad Request', bytes: 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n', env: {} },
    {
      status: 431,
      title: 'Request Header Fields Too Large',
      bytes: `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      env: {},
    },
    {
      status: 408,
      title: 'Request Timeout',
      bytes: 'GET /health HTTP/1.1\r\nHost: x\r\n',
      env: { HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' },
    },
  ];
  for (const { status, title, bytes, env } of cases) {
    it(`issue 17 item 10: Node's own ${status} carries a problem, the security headers, and an access-log line`, async () => {
      const started = await servers.start(env);
      const exchange = servers.rawRequest(started.port, bytes);
      const response = parseResponse(await exchange.closed());
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(JSON.parse(response.body)).toMatchObject({ status, title });
      expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['connection']).toBe('close');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const lines = started.logs.lines.filter((line) => (line.res as { statusCode?: number } | undefined)?.statusCode === status);
      expect(lines, started.logs.text()).toHaveLength(1);
      expect(lines[0]).toMatchObject({ req: { id: response.headers['x-request-id'] }, msg: 'request completed' });
    });
  }
});
