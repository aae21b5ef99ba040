import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';

import { createAppServer } from '../../src/http/app-server.js';
import { requestLogging } from '../../src/http/request-logging.js';
import { writeResponse } from '../../src/http/response-writer.js';
import { headersSetBy } from '../../src/http/security-headers.js';
import { startedServers } from '../support/local-server.js';

const SECURITY_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
};

describe('security headers worked out once', () => {
  const servers = startedServers();
  afterEach(servers.closeAll);

  async function headersOf(app: express.Express): Promise<Record<string, string>> {
    app.disable('x-powered-by');
    const response = await fetch(await servers.listen(createAppServer(app)));
    const headers = Object.fromEntries(response.headers);
    for (const name of ['date', 'connection', 'keep-alive', 'content-length', 'content-type', 'x-request-id']) delete headers[name];
    return headers;
  }

  it('when started from the worked-out headers, a response carries exactly what helmet itself sets', async () => {
    const direct = express();
    direct.set('etag', false);
    direct.use(helmet(SECURITY_OPTIONS));
    direct.get('/', (_req, res) => res.type('text/plain').send('x'));
    const started = express();
    started.use(requestLogging(pino({ level: 'silent' }), headersSetBy(helmet(SECURITY_OPTIONS))));
    started.get('/', (_req, res) => writeResponse(res, { status: 200, contentType: 'text/plain', payload: 'x' }));
    const expected = await headersOf(direct);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(await headersOf(started)).toEqual(expected);
  });

  it('when the middleware answers, goes on later or fails, refuses to work its headers out once', () => {
    const answers: RequestHandler = (_req, res) => void res.end();
    const later: RequestHandler = (_req, res, next) => {
      res.setHeader('X-Later', '1');
      setImmediate(next);
    };
    const failing: RequestHandler = (_req, _res, next) => next(new Error('no'));
    expect(() => headersSetBy(answers)).toThrow('did not just set headers');
    expect(() => headersSetBy(later)).toThrow('did not just set headers');
    expect(() => headersSetBy(failing)).toThrow('no');
  });
});
