import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { createAppServer } from '../../src/http/app-server.js';
import { capturedHeaders, replayingHeaders } from '../../src/http/header-replay.js';
import { writeQueuedHeaders } from '../../src/http/queued-headers.js';
import { listenLocally } from '../support/local-server.js';

const SECURITY_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
};

describe('header replay', () => {
  async function headersFrom(middleware: RequestHandler): Promise<Record<string, string>> {
    const app = express();
    app.disable('x-powered-by');
    writeQueuedHeaders(app.response);
    app.use(middleware);
    app.get('/', (_req, res) => res.end());
    const server = await listenLocally(createAppServer(app));
    const response = await fetch(`${server.baseUrl}/`).finally(() => server.close());
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
