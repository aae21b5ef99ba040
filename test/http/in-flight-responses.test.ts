import type { ServerResponse } from 'node:http';

import { describe, expect, it } from 'vitest';

import { InFlightResponses } from '../../src/http/in-flight-responses.js';

/** Stand-ins for responses: the list only keeps and hands back what it is given. */
const responses = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `res${i}` }) as unknown as ServerResponse);

describe('InFlightResponses', () => {
  it('lists what is in flight, newest first, and counts it', () => {
    const list = new InFlightResponses();
    const [a, b, c] = responses(3);
    list.add(a!);
    list.add(b!);
    list.add(c!);
    expect([...list]).toEqual([c, b, a]);
    expect(list.size).toBe(3);
  });

  it('takes a response off wherever it is: oldest, newest or between', () => {
    const list = new InFlightResponses();
    const all = responses(5);
    const leave = all.map((res) => list.add(res));
    leave[2]!();
    expect([...list]).toEqual([all[4], all[3], all[1], all[0]]);
    leave[0]!();
    expect([...list]).toEqual([all[4], all[3], all[1]]);
    leave[4]!();
    expect([...list]).toEqual([all[3], all[1]]);
    expect(list.size).toBe(2);
    leave[3]!();
    leave[1]!();
    expect([...list]).toEqual([]);
    expect(list.size).toBe(0);
  });

  it('ignores a second leave, which would otherwise unlink a neighbour or miscount', () => {
    const list = new InFlightResponses();
    const [a, b, c] = responses(3);
    list.add(a!);
    const leaveB = list.add(b!);
    list.add(c!);
    leaveB();
    leaveB();
    expect([...list]).toEqual([c, a]);
    expect(list.size).toBe(2);
  });

  it('takes new responses after it was emptied', () => {
    const list = new InFlightResponses();
    const [a, b] = responses(2);
    list.add(a!)();
    expect(list.size).toBe(0);
    list.add(b!);
    expect([...list]).toEqual([b]);
    expect(list.size).toBe(1);
  });

  it('stays consistent through many joins and leaves in mixed order', () => {
    const list = new InFlightResponses();
    const present = new Map<ServerResponse, () => void>();
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (const res of responses(500)) {
      present.set(res, list.add(res));
      if (random() < 0.6) {
        const keys = [...present.keys()];
        const leaving = keys[Math.floor(random() * keys.length)]!;
        present.get(leaving)!();
        present.delete(leaving);
      }
    }
    expect(list.size).toBe(present.size);
    expect(new Set(list)).toEqual(new Set(present.keys()));
  });
});
