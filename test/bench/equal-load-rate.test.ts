import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { calibrateRate, formatCalibration, scaledRate } from '../../bench/equal-load-rate.js';

describe('make bench: the equal-load rate, scaled to the CPU the service is wanted busy', () => {
  it('when the service was busier than wanted, the rate goes down in proportion, and up when it was idler', () => {
    expect(scaledRate(1000, 0.8, 0.5, 5000)).toBe(625);
    expect(scaledRate(1000, 0.25, 0.5, 5000)).toBe(2000);
  });

  it("when scaling up would pass the service's closed-loop req/s, stops there; never below 1 req/s", () => {
    expect(scaledRate(1000, 0.1, 0.5, 3000)).toBe(3000);
    expect(scaledRate(1, 1, 0.5, 3000)).toBe(1);
  });

  it('when the CPU could not be read, keeps the rate', () => {
    expect(scaledRate(1000, Number.NaN, 0.5, 5000)).toBe(1000);
    expect(scaledRate(1000, 0, 0.5, 5000)).toBe(1000);
  });
});

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

describe('calibrateRate', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // Each answer costs 2 ms of this process's CPU (CPU time, not wall time, so a busy machine
    // does not change it): 250 req/s keep it half a core busy.
    server = createServer((_req, res) => {
      const until = cpuMicros() + 2000;
      while (cpuMicros() < until);
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the service alone the start rate, reads its process's CPU and scales the rate to the CPU wanted", async () => {
    const calibration = await calibrateRate({ url, pid: process.pid, headers: {}, connections: 8 }, 100, 0.5, 2000, undefined, 2);
    expect(calibration.steps).toHaveLength(2);
    expect(calibration.steps[0]!.rate).toBe(100);
    // 100 req/s at 2 ms each is a fifth of a core: the next step asks for more.
    expect(calibration.steps[0]!.cores).toBeGreaterThan(0.15);
    expect(calibration.steps[1]!.rate).toBeGreaterThan(150);
    // Half a core at a little over 2 ms per answer: somewhat under 250 req/s (wide bounds: a
    // process starved of CPU by the rest of the suite reads as idler than it is).
    expect(calibration.rate).toBeGreaterThan(120);
    expect(calibration.rate).toBeLessThan(400);
    expect(formatCalibration(calibration, 0.5)).toMatch(
      /^ {2}equal load rate: 100 req\/s kept it 0\.\d\d cores busy, \d+ req\/s kept it .*; offered \d+ req\/s for 0\.50 cores$/,
    );
  });
});
