// Command Center's direct debug mode: a browser page on the Command Center origin calls the API
// itself, so discovery, health and the feeds must pass CORS for an origin in CORS_ORIGINS.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requestSurface } from '../../src/contract/request-surface.js';
import { engines } from '../support/engines.js';
import { contract, openTestApp } from '../support/test-app.js';

const COMMAND_CENTER = 'http://localhost:5173';
const DISCOVERY = '/.well-known/command-center/connection-contract';
const FEEDS = ['/widgets/customers?limit=5', '/widgets/random-numbers?start_date=2026-03-01&end_date=2026-03-02'];

type App = Parameters<typeof request>[0];

describe.each(engines)('CORS for Command Center direct mode, on $name', (engine) => {
  let app: App;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(engine, {
      env: { CORS_ORIGINS: `https://widgets.example.com,${COMMAND_CENTER}`, AUTH_LOCAL_DEV_USER: '1' },
    }));
  });
  afterAll(() => close());

  it.each([DISCOVERY, '/health', ...FEEDS])(
    'when a preflight for GET %s comes from an allowed origin, allows the method, Content-Type and Authorization',
    async (path) => {
      const res = await request(app)
        .options(path)
        .set('Origin', COMMAND_CENTER)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'content-type, authorization, x-request-id');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(COMMAND_CENTER);
      expect(res.headers['access-control-allow-methods']?.split(',')).toEqual(expect.arrayContaining(['GET', 'POST', 'OPTIONS']));
      const allowed = res.headers['access-control-allow-headers']?.toLowerCase().split(',');
      expect(allowed).toEqual(expect.arrayContaining(['content-type', 'authorization', 'x-request-id']));
    },
  );

  it('allows every request header the contract declares as a parameter', async () => {
    const res = await request(app).options(DISCOVERY).set('Origin', COMMAND_CENTER).set('Access-Control-Request-Method', 'GET');
    const allowed = res.headers['access-control-allow-headers']?.toLowerCase().split(',') ?? [];
    for (const header of requestSurface(contract.document).headers) expect(allowed).toContain(header.toLowerCase());
  });

  it.each([DISCOVERY, '/health', ...FEEDS])(
    'when GET %s comes from an allowed origin without credentials, the answer grants that origin',
    async (path) => {
      const res = await request(app).get(path).set('Origin', COMMAND_CENTER).set('Accept', 'application/json');
      expect(res.status).toBeLessThan(500);
      expect(res.headers['access-control-allow-origin']).toBe(COMMAND_CENTER);
    },
  );

  it('when the origin is not allowed, neither the preflight nor the answer grants it', async () => {
    const preflight = await request(app)
      .options(DISCOVERY)
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const res = await request(app).get(DISCOVERY).set('Origin', 'https://evil.example.com').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the request surface CORS is derived from', () => {
  it('names every method and header parameter of the contract', () => {
    const document = structuredClone(contract.document) as Record<string, any>;
    document.paths['/things'] = {
      parameters: [{ name: 'X-Tenant', in: 'header', schema: { type: 'string' } }],
      put: { parameters: [{ name: 'If-Match', in: 'header', schema: { type: 'string' } }], responses: {} },
    };
    const surface = requestSurface(document);
    expect(surface.methods.sort()).toEqual(['GET', 'POST', 'PUT']);
    expect(surface.headers.sort()).toEqual(['If-Match', 'X-Tenant']);
  });
});
