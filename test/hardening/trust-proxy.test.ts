// Issue 17 item 14: TRUST_PROXY decides whether X-Forwarded-For names the client (Express's
// `trust proxy`, evaluated by proxy-addr). Which bucket a request was counted in is read from
// the RateLimit-Policy header's partition key.
import type { Server } from 'node:http';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config.js';
import { engines } from '../support/engines.js';
import { openTestApp } from '../support/test-app.js';
import { partitionIn, partitionOf } from './support/rate-limit-partition.js';

const sqlite = engines[0]!;

/** The counter key an anonymous GET /openapi.json with `forwardedFor` was counted under, by its partition. */
async function countedAs(app: Server, forwardedFor?: string): Promise<string | undefined> {
  const req = request(app).get('/openapi.json');
  if (forwardedFor !== undefined) req.set('X-Forwarded-For', forwardedFor);
  const res = await req;
  expect(res.status).toBe(200);
  return partitionIn(res.headers['ratelimit-policy']);
}

describe.each([
  { mode: 'off (unset)', env: {} as Record<string, string> },
  { mode: 'one hop', env: { TRUST_PROXY: '1' } },
  { mode: 'a CIDR list naming the proxy', env: { TRUST_PROXY: '10.0.0.0/8, 127.0.0.0/8' } },
])('issue 17 item 14: TRUST_PROXY $mode', ({ env }) => {
  let app: Server;
  let close: () => Promise<void>;
  const trusting = env.TRUST_PROXY !== undefined;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(sqlite, { env }));
  });
  afterAll(() => close());

  it(`issue 17 item 14: ${trusting ? 'the client address comes from X-Forwarded-For through the trusted hop' : 'X-Forwarded-For is ignored: the client is the socket peer'}`, async () => {
    expect(await countedAs(app)).toBe(partitionOf('ip:127.0.0.1'));
    expect(await countedAs(app, '203.0.113.7')).toBe(partitionOf(trusting ? 'ip:203.0.113.7' : 'ip:127.0.0.1'));
  });

  it('issue 17 item 14: a client that sends its own X-Forwarded-For entries cannot choose its address: only the entry the trusted proxy appended counts', async () => {
    // The client wrote "198.51.100.1, 10.9.9.9"; the proxy (127.0.0.1) appended the address it saw, 203.0.113.8.
    const spoofed = await countedAs(app, '198.51.100.1, 10.9.9.9, 203.0.113.8');
    expect(spoofed).toBe(partitionOf(trusting ? 'ip:203.0.113.8' : 'ip:127.0.0.1'));
  });
});

describe('issue 17 item 14: TRUST_PROXY at start-up', () => {
  it('issue 17 item 14: a value that is neither a hop count nor addresses and CIDR ranges stops start-up with one line naming the variable and the entry', () => {
    for (const value of ['yes', '10.0.0.0/33', '10.0.0.1,,10.0.0.2', '-1', '101']) {
      let error: unknown;
      try {
        loadConfig({ TRUST_PROXY: value });
      } catch (caught) {
        error = caught;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^TRUST_PROXY: /);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('issue 17 item 14: unset or 0 is off, a number is a hop count, anything else a list', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, loopback' }).trustProxy).toEqual(['10.0.0.0/8', '::1', 'loopback']);
  });
});
