import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServer } from '../../src/http/app-server.js';
import { capturedHeaders, replayingHeaders } from '../../src/http/header-replay.js';
import { writeQueuedHeaders } from '../../src/http/queued-headers.js';

const SECURITY_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
};

describe('header replay', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function headersFrom(middleware: RequestHandler): Promise<Record<string, string>> {
    const app = express();
    app.disable('x-powered-by');
    writeQueuedHeaders(app.response);
    app.use(middleware);
    app.get('/', (_req, res) => res.end());
    server = createAppServer(app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const headers = Object.fromEntries(response.headers);
    delete headers.date;
    return headers;
  }

  it('answers with exactly the headers helmet itself sets', async () => {
    const direct = await headersFrom(helmet(SECURITY_OPTIONS));
    const replayed = await headersFrom(replayingHeaders(capturedHeaders(helmet(SECURITY_OPTIONS))) as RequestHandler);
    expect(Object.keys(direct).length).toBeGreaterThan(10);
    expect(replayed).toEqual(direct);
  });

  it('refuses a middleware whose headers depend on the request or response', () => {
    const readsBack: RequestHandler = (_req, res, next) => {
      if (!res.getHeader('Vary')) res.setHeader('Vary', 'Origin');
      next();
    };
    const later: RequestHandler = (_req, res, next) => {
      res.setHeader('X-Later', '1');
      setImmediate(next);
    };
    const failing: RequestHandler = (_req, _res, next) => next(new Error('no'));
    expect(() => capturedHeaders(readsBack)).toThrow('read a response header');
    expect(() => capturedHeaders(later)).toThrow('synchronously');
    expect(() => capturedHeaders(failing)).toThrow('no');
  });
});
