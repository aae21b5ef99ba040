import { createServer, type ServerResponse } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServer } from '../../src/http/app-server.js';
import { checkedHeaders, queueCheckedHeaders, queueHeader, writeQueuedHeaders } from '../../src/http/queued-headers.js';
import { startedServers } from '../support/local-server.js';

describe('queued headers', () => {
  const servers = startedServers();
  afterEach(servers.closeAll);

  function serve(app: express.Express): Promise<string> {
    writeQueuedHeaders(app.response);
    return servers.listen(createAppServer(app));
  }

  it('writes queued headers with the status line, without filling the response header dictionary', async () => {
    const app = express();
    app.disable('x-powered-by');
    let namesAfterEnd: string[] | undefined;
    app.get('/', (_req, res) => {
      queueCheckedHeaders(res, checkedHeaders(['X-Frame-Options', 'SAMEORIGIN', 'Referrer-Policy', 'no-referrer']));
      queueHeader(res, 'Content-Type', 'application/json; charset=utf-8');
      res.statusCode = 201;
      res.end('{"ok":"✓"}', () => (namesAfterEnd = res.getHeaderNames()));
    });
    const response = await fetch(await serve(app));
    expect(response.status).toBe(201);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('{"ok":"✓"}')));
    expect(await response.text()).toBe('{"ok":"✓"}');
    expect(namesAfterEnd).toEqual([]);
  });

  it('lets a header set with setHeader win over a queued one, and a later queued one replace an earlier', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      queueHeader(res, 'Content-Security-Policy', "default-src 'none'");
      queueHeader(res, 'X-Request-Id', 'first');
      queueHeader(res, 'x-request-id', 'second');
      res.setHeader('content-security-policy', "default-src 'self'");
      res.type('text/plain').send('docs');
    });
    const response = await fetch(await serve(app));
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('x-request-id')).toBe('second');
    expect(await response.text()).toBe('docs');
  });

  it('keeps queued headers on responses that Express sends itself (errors, res.json)', async () => {
    const app = express();
    app.use((_req, res, next) => {
      queueHeader(res, 'X-Request-Id', 'abc');
      next();
    });
    app.get('/json', (_req, res) => res.status(418).json({ teapot: true }));
    const base = await serve(app);
    const json = await fetch(`${base}/json`);
    expect(json.status).toBe(418);
    expect(json.headers.get('x-request-id')).toBe('abc');
    expect(await json.json()).toEqual({ teapot: true });
    const missing = await fetch(`${base}/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('abc');
  });

  it('refuses a bad header when it is queued, as setHeader does', () => {
    const res = { writeHead: () => undefined } as unknown as ServerResponse;
    expect(() => queueHeader(res, 'Bad Name', 'x')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_HTTP_TOKEN' }));
    expect(() => queueHeader(res, 'Link', 'line\nbreak')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_CHAR' }));
    expect(() => checkedHeaders(['X-Odd'])).toThrow('pairs');
  });

  it('sets the header at once on a response whose prototype does not write queued headers', async () => {
    let seen: unknown;
    const server = createServer((_req, res) => {
      queueHeader(res, 'X-Request-Id', 'plain');
      seen = res.getHeader('x-request-id');
      res.end();
    });
    const response = await fetch(`${await servers.listen(server)}/`);
    expect(seen).toBe('plain');
    expect(response.headers.get('x-request-id')).toBe('plain');
  });
});
