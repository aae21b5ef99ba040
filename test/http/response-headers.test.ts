import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';

import { createAppServer } from '../../src/http/app-server.js';
import { baseHeaders, ResponseHeaders, responseHeaders, setCollectedHeaders } from '../../src/http/response-headers.js';
import { writeResponse } from '../../src/http/response-writer.js';
import { startedServers } from '../support/local-server.js';

describe('the response header record', () => {
  it('when a header is set again under another case, replaces it; reads are case-insensitive', () => {
    const headers = new ResponseHeaders(baseHeaders(['X-Frame-Options', 'DENY']));
    headers.set('X-Request-Id', 'first');
    headers.set('x-request-id', 'second');
    headers.set('x-frame-options', 'SAMEORIGIN');
    expect(headers.get('X-REQUEST-ID')).toBe('second');
    expect(headers.has('x-frame-options')).toBe(true);
    expect(headers.has('Link')).toBe(false);
    expect(headers.toList()).toEqual(['X-Frame-Options', 'SAMEORIGIN', 'X-Request-Id', 'second']);
  });

  it('when the base headers hold an invalid name or value, refuses them once, as setHeader would', () => {
    expect(() => baseHeaders(['Bad Name', 'x'])).toThrow(expect.objectContaining({ code: 'ERR_INVALID_HTTP_TOKEN' }));
    expect(() => baseHeaders(['Link', 'line\nbreak'])).toThrow(expect.objectContaining({ code: 'ERR_INVALID_CHAR' }));
    expect(() => baseHeaders(['X-Odd'])).toThrow('pairs');
  });

  it('when two responses start from the same base headers, each has its own record', () => {
    const base = baseHeaders(['X-Frame-Options', 'DENY']);
    const first = new ResponseHeaders(base);
    first.set('X-Request-Id', '1');
    expect(new ResponseHeaders(base).has('X-Request-Id')).toBe(false);
    expect([...base]).toEqual(['X-Frame-Options', 'DENY']);
  });
});

describe('writing a response', () => {
  const servers = startedServers();
  afterEach(servers.closeAll);

  function serve(app: express.Express): Promise<string> {
    app.disable('x-powered-by');
    return servers.listen(createAppServer(app));
  }

  it('when written, sends the collected and given headers with the status line, with a Content-Length, in one writeHead', async () => {
    const app = express();
    let writeHeads = 0;
    app.get('/', (_req, res) => {
      const writeHead = res.writeHead.bind(res);
      // Counted through an own property of this one response; Node's and Express's prototypes are untouched.
      Object.defineProperty(res, 'writeHead', { value: (...args: Parameters<typeof writeHead>) => (writeHeads++, writeHead(...args)) });
      responseHeaders(res).set('X-Request-Id', 'abc');
      writeResponse(res, { status: 201, headers: { Location: '/things/1' }, contentType: 'application/json', payload: '{"ok":"✓"}' });
    });
    const response = await fetch(await serve(app));
    expect(response.status).toBe(201);
    expect(writeHeads).toBe(1);
    expect(response.headers.get('x-request-id')).toBe('abc');
    expect(response.headers.get('location')).toBe('/things/1');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('{"ok":"✓"}')));
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(await response.text()).toBe('{"ok":"✓"}');
  });

  it('when something set a header with setHeader, it is sent too and getHeader still reads it', async () => {
    const app = express();
    let seen: unknown;
    app.get('/', (_req, res) => {
      res.setHeader('Connection', 'close');
      responseHeaders(res).set('X-Request-Id', 'abc');
      writeResponse(res, { status: 200, contentType: 'text/plain', payload: 'hi' });
      seen = res.getHeader('connection');
    });
    const response = await fetch(await serve(app));
    expect(response.headers.get('connection')).toBe('close');
    expect(response.headers.get('x-request-id')).toBe('abc');
    expect(seen).toBe('close');
  });

  it('when a response is answered elsewhere (Express, a docs page), the collected headers are set where getHeader reads them', async () => {
    const app = express();
    let seen: unknown;
    app.get('/', (_req, res) => {
      responseHeaders(res).set('X-Request-Id', 'abc');
      setCollectedHeaders(res);
      seen = res.getHeader('x-request-id');
      res.setHeader('Content-Security-Policy', "default-src 'self'");
      res.status(418).json({ teapot: true });
    });
    const response = await fetch(await serve(app));
    expect(seen).toBe('abc');
    expect(response.status).toBe(418);
    expect(response.headers.get('x-request-id')).toBe('abc');
    expect(await response.json()).toEqual({ teapot: true });
  });

  it('when there is no body, answers with Content-Length 0', async () => {
    const app = express();
    app.get('/', (_req, res) => writeResponse(res, { status: 200, contentType: undefined, payload: undefined }));
    const response = await fetch(await serve(app));
    expect(response.headers.get('content-length')).toBe('0');
    expect(await response.text()).toBe('');
  });
});
