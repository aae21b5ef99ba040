// The SDK's opt-in retry: a local server answers with scripted statuses; the waits the
// middleware asks for are recorded instead of slept, so nothing here depends on timing.
import { createServer, type IncomingMessage } from 'node:http';

import createFetchClient from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';

import { createClient, retryAfterMs, retryMiddleware, type RetryOptions } from '../../clients/typescript/src/index.js';
import { startedServers } from '../support/local-server.js';

const servers = startedServers();
afterEach(servers.closeAll);

interface Answer {
  status: number;
  headers?: Record<string, string>;
}

/** A server giving `answers` in turn (the last one for ever after), recording each request. */
async function scriptedServer(answers: Answer[]) {
  const received: { method: string; body: string; authorization: string | undefined }[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    received.push({ method: request.method ?? '', body, authorization: request.headers.authorization });
    const answer = answers[Math.min(received.length - 1, answers.length - 1)]!;
    const ok = answer.status < 400;
    response.writeHead(answer.status, { 'content-type': ok ? 'application/json' : 'application/problem+json', ...answer.headers });
    response.end(
      JSON.stringify(ok ? { status: 'ok', version: '1' } : { type: 'about:blank', title: 'Busy', status: answer.status, detail: 'busy' }),
    );
  });
  return { baseUrl: await servers.listen(server), received };
}

/** A client whose retry waits are recorded, not slept. */
function recordingClient(baseUrl: string, options: RetryOptions = {}) {
  const waits: number[] = [];
  const api = createClient({ baseUrl, token: 'secret', retry: { ...options, sleep: async (ms) => void waits.push(ms) } });
  return { api, waits };
}

describe('retry (opt-in)', () => {
  it('when a GET is answered 429 with Retry-After, waits that long, sends it again with its credentials and returns the success', async () => {
    const { baseUrl, received } = await scriptedServer([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }]);
    const { api, waits } = recordingClient(baseUrl);
    const { data, response } = await api.GET('/health');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ok', version: '1' });
    expect(waits).toEqual([2000]);
    expect(received.map((r) => r.authorization)).toEqual(['Bearer secret', 'Bearer secret']);
  });

  it('when a GET keeps answering 503, stops after maxAttempts and returns the last problem', async () => {
    const { baseUrl, received } = await scriptedServer([{ status: 503, headers: { 'retry-after': '1' } }]);
    const { api, waits } = recordingClient(baseUrl, { maxAttempts: 4 });
    const { error, response } = await api.GET('/health');
    expect(response.status).toBe(503);
    expect(error).toMatchObject({ status: 503 });
    expect(received).toHaveLength(4);
    expect(waits).toEqual([1000, 1000, 1000]);
  });

  it('when a 503 carries no Retry-After, waits the fallback delay, doubled for each retry', async () => {
    const { baseUrl } = await scriptedServer([{ status: 503 }, { status: 503 }, { status: 200 }]);
    const { api, waits } = recordingClient(baseUrl, { fallbackDelayMs: 250 });
    expect((await api.GET('/health')).response.status).toBe(200);
    expect(waits).toEqual([250, 500]);
  });

  it('when Retry-After asks for longer than maxDelayMs, returns that answer at once', async () => {
    const { baseUrl, received } = await scriptedServer([{ status: 429, headers: { 'retry-after': '3600' } }, { status: 200 }]);
    const { api, waits } = recordingClient(baseUrl, { maxDelayMs: 60_000 });
    expect((await api.GET('/health')).response.status).toBe(429);
    expect(received).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('when a POST is answered 503, does not send it again', async () => {
    const { baseUrl, received } = await scriptedServer([{ status: 503, headers: { 'retry-after': '1' } }, { status: 201 }]);
    const { api, waits } = recordingClient(baseUrl);
    const { response } = await api.POST('/customers', { body: { customer_code: 'X', name: 'X', region: 'EU' } });
    expect(response.status).toBe(503);
    expect(received.map((r) => r.method)).toEqual(['POST']);
    expect(waits).toEqual([]);
  });

  it('when a PUT with a body is answered 503, sends the same body again', async () => {
    const { baseUrl, received } = await scriptedServer([{ status: 503, headers: { 'retry-after': '1' } }, { status: 200 }]);
    const waits: number[] = [];
    // The contract has no PUT yet, so an untyped openapi-fetch client carries the middleware.
    const api = createFetchClient<any>({ baseUrl });
    api.use(retryMiddleware({ sleep: async (ms) => void waits.push(ms) }));
    const { response } = await api.PUT('/anything', { body: { name: 'same twice' } });
    expect(response.status).toBe(200);
    expect(received.map((r) => [r.method, r.body])).toEqual([
      ['PUT', '{"name":"same twice"}'],
      ['PUT', '{"name":"same twice"}'],
    ]);
  });

  it('when retry is not asked for, a 429 is returned at once', async () => {
    const { baseUrl, received } = await scriptedServer([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
    const api = createClient({ baseUrl });
    expect((await api.GET('/health')).response.status).toBe(429);
    expect(received).toHaveLength(1);
  });

  it('when the request is aborted during the wait, the call rejects without sending it again', async () => {
    const { baseUrl, received } = await scriptedServer([{ status: 429, headers: { 'retry-after': '30' } }, { status: 200 }]);
    const api = createClient({ baseUrl, retry: true });
    const controller = new AbortController();
    const call = api.GET('/health', { signal: controller.signal });
    while (received.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('caller gave up'));
    await expect(call).rejects.toThrow('caller gave up');
    expect(received).toHaveLength(1);
  });
});

describe('retryAfterMs', () => {
  it('when given delta-seconds, an HTTP date, a past date or garbage, answers the wait in ms or undefined', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 5 ', now)).toBe(5_000);
    expect(retryAfterMs('Sun, 01 Mar 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sat, 28 Feb 2026 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-3', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
