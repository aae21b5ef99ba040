import { createServer, type ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseBurst } from '../../src/contract/response-burst.js';
import { startedServers } from '../support/local-server.js';

/** The part of a ServerResponse the burst touches, recording what it was ended with. */
function fakeResponse(name: string, log: string[], fail = false) {
  const res = {
    writableEnded: false,
    destroyed: false,
    body: undefined as Buffer | undefined,
    destroy() {
      res.destroyed = true;
    },
    end(body?: Buffer) {
      if (fail) throw new Error(`${name} cannot be ended`);
      res.writableEnded = true;
      res.body = body;
      log.push(name);
    },
  };
  return res;
}

const asResponse = (fake: ReturnType<typeof fakeResponse>) => fake as unknown as ServerResponse;

describe('ResponseBurst', () => {
  it('ends the responses of one turn together once the turn is over, in the order they were finished', async () => {
    const ended: string[] = [];
    const burst = new ResponseBurst(() => {});
    const first = fakeResponse('first', ended);
    const second = fakeResponse('second', ended);
    // The default burst holds a few; two stay below it.
    burst.end(asResponse(first), '{"a":1}');
    burst.end(asResponse(second));
    expect(ended).toEqual([]);
    await nextTurn();
    expect(ended).toEqual(['first', 'second']);
    expect(first.body?.toString('utf8')).toBe('{"a":1}');
    expect(second.body).toBeUndefined();
  });

  it('holds bodies as their UTF-8 bytes', async () => {
    const burst = new ResponseBurst(() => {});
    const res = fakeResponse('res', []);
    const text = '{"name":"Zürich ✓ 東京 😀"}';
    burst.end(asResponse(res), text);
    await nextTurn();
    expect(Buffer.isBuffer(res.body)).toBe(true);
    expect(res.body).toEqual(Buffer.from(text, 'utf8'));
  });

  it('skips a response that was ended or destroyed while it waited, and goes on past one that fails', async () => {
    const ended: string[] = [];
    const failures: string[] = [];
    const burst = new ResponseBurst((error) => failures.push((error as Error).message), 10);
    const answeredElsewhere = fakeResponse('answered elsewhere', ended);
    const hungUp = fakeResponse('hung up', ended);
    const broken = fakeResponse('broken', ended, true);
    const last = fakeResponse('last', ended);
    for (const res of [answeredElsewhere, hungUp, broken, last]) burst.end(asResponse(res), '{}');
    answeredElsewhere.writableEnded = true;
    hungUp.destroyed = true;
    await nextTurn();
    expect(ended).toEqual(['last']);
    expect(failures).toEqual(['broken cannot be ended']);
    // Its client is not left waiting for an answer that will never come.
    expect(broken.destroyed).toBe(true);
  });

  it('ends the held responses at once when the burst is full, and starts the next one', async () => {
    const ended: string[] = [];
    const burst = new ResponseBurst(() => {}, 3);
    for (const name of ['a', 'b']) burst.end(asResponse(fakeResponse(name, ended)), name);
    expect(ended).toEqual([]);
    burst.end(asResponse(fakeResponse('c', ended)), 'c');
    expect(ended).toEqual(['a', 'b', 'c']);
    burst.end(asResponse(fakeResponse('d', ended)), 'd');
    expect(ended).toEqual(['a', 'b', 'c']);
    await nextTurn();
    expect(ended).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts a new burst for responses finished after a flush', async () => {
    const ended: string[] = [];
    const burst = new ResponseBurst(() => {});
    burst.end(asResponse(fakeResponse('one', ended)), '1');
    await nextTurn();
    burst.end(asResponse(fakeResponse('two', ended)), '2');
    expect(ended).toEqual(['one']);
    await nextTurn();
    expect(ended).toEqual(['one', 'two']);
  });

  describe('over HTTP', () => {
    const servers = startedServers();
    afterEach(servers.closeAll);

    it('answers concurrent requests each with its own body, status and Content-Length', async () => {
      const burst = new ResponseBurst(() => {});
      const server = createServer((req, res) => {
        res.statusCode = req.url === '/missing' ? 404 : 200;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        burst.end(res, JSON.stringify({ path: req.url, city: 'Zürich ✓' }));
      });
      const base = await servers.listen(server);
      const paths = [...Array.from({ length: 19 }, (_, i) => `/item/${i}`), '/missing'];
      const responses = await Promise.all(paths.map((path) => fetch(`${base}${path}`)));
      for (const [i, response] of responses.entries()) {
        const text = await response.text();
        expect(response.status).toBe(paths[i] === '/missing' ? 404 : 200);
        expect(JSON.parse(text)).toEqual({ path: paths[i], city: 'Zürich ✓' });
        expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text, 'utf8'));
      }
    });
  });
});
