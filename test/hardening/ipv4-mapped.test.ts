// Issue 17 item 15: on an IPv6 listener (HOST=::) IPv4 clients arrive as ::ffff:a.b.c.d; each is
// keyed as its IPv4 address, not masked into one shared /56 bucket.
import { request as httpRequest, type Server } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerKey } from '../../src/http/caller-rate-limit.js';
import { engines } from '../support/engines.js';
import { openTestApp } from '../support/test-app.js';
import { partitionIn, partitionOf } from './support/rate-limit-partition.js';

const sqlite = engines[0]!;

/** GET /openapi.json from the IPv4 address `from` to 127.0.0.1:`port`: its status and rate-limit partition. */
function getFrom(port: number, from: string): Promise<{ status: number; partition: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/openapi.json', localAddress: from, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, partition: partitionIn(res.headers['ratelimit-policy']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('issue 17 item 15: IPv4 clients of an IPv6 listener', () => {
  let server: Server;
  let port: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // Dual-stack: IPv4 connections reach this socket as IPv4-mapped IPv6 addresses.
    ({ app: server, close } = await openTestApp(sqlite, {
      env: { HOST: '::', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '2' },
      listenOn: '::',
    }));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await close();
  });

  it('issue 17 item 15: two IPv4 clients of a HOST=:: listener have a budget each, keyed by their IPv4 address', async () => {
    // An IPv6 wildcard socket: IPv4 clients reach it as ::ffff:a.b.c.d, the case this item is about.
    expect(server.address()).toMatchObject({ address: '::', family: 'IPv6' });
    const first = [await getFrom(port, '127.0.0.1'), await getFrom(port, '127.0.0.1'), await getFrom(port, '127.0.0.1')];
    expect(first.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(first[0]!.partition).toBe(partitionOf('ip:127.0.0.1'));

    const second = await getFrom(port, '127.0.0.2');
    expect(second.status, "another IPv4 client is not in the first one's bucket").toBe(200);
    expect(second.partition).toBe(partitionOf('ip:127.0.0.2'));
  });

  it('issue 17 item 15: the mapped forms are keyed as IPv4; IPv6 addresses by their /56', () => {
    expect(callerKey(undefined, '::ffff:203.0.113.9')).toBe('ip:203.0.113.9');
    expect(callerKey(undefined, '::FFFF:203.0.113.9')).toBe('ip:203.0.113.9');
    expect(callerKey(undefined, '::ffff:cb00:7109')).toBe('ip:203.0.113.9');
    expect(callerKey(undefined, '203.0.113.9')).toBe('ip:203.0.113.9');
    expect(callerKey(undefined, '2001:db8:aa:bb01::1')).toBe('ip:2001:db8:aa:bb00::/56');
    expect(callerKey(undefined, '2001:db8:aa:bbff:1:2:3:4')).toBe('ip:2001:db8:aa:bb00::/56');
    expect(callerKey('u1', '::ffff:203.0.113.9')).toBe('user:u1');
  });
});
