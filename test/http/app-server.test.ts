import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';

import { createAppServer } from '../../src/http/app-server.js';
import { startedServers } from '../support/local-server.js';

describe('createAppServer', () => {
  const servers = startedServers();
  afterEach(servers.closeAll);

  const serve = (app: express.Express): Promise<string> => servers.listen(createAppServer(app));

  it('hands Express requests and responses already on its prototypes, so Express does not re-parent them', async () => {
    const app = express();
    const seen: boolean[] = [];
    const server = createAppServer(app);
    server.prependListener('request', (req, res) => {
      seen.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response);
    });
    app.get('/probe', (_req, res) => res.json({ ok: true }));
    const response = await fetch(`${await servers.listen(server)}/probe`);
    expect(response.status).toBe(200);
    expect(seen).toEqual([true, true]);
  });

  it('keeps what Express adds to requests and responses: query, params, path, headers, streaming', async () => {
    const app = express();
    app.get('/items/:id', (req, res) => {
      res.set('X-Seen', `${req.path}|${req.params.id}|${String(req.query.q)}|${req.get('x-probe') ?? ''}`);
      res.status(207).type('text/plain');
      res.write('part one, ');
      res.end('part two');
    });
    app.post('/echo', express.json(), (req, res) => res.status(201).json({ got: req.body as unknown }));
    const base = await serve(app);

    const got = await fetch(`${base}/items/42?q=x`, { headers: { 'X-Probe': 'p' } });
    expect(got.status).toBe(207);
    expect(got.headers.get('x-seen')).toBe('/items/42|42|x|p');
    expect(got.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await got.text()).toBe('part one, part two');

    const echoed = await fetch(`${base}/echo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":[1,2]}' });
    expect(echoed.status).toBe(201);
    expect(await echoed.json()).toEqual({ got: { a: [1, 2] } });
  });
});
