import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { firstDuplicateKey } from '../../src/http/json-duplicate-keys.js';

/** A JSON value written member by member, so that an object may repeat a name, in plain or escaped spelling. */
type Written =
  | { kind: 'leaf'; text: string }
  | { kind: 'array'; items: Written[] }
  | { kind: 'object'; members: { name: string; spelling: 'plain' | 'escaped'; value: Written }[] };

const leaf = fc.jsonValue({ maxDepth: 0 }).map((value): Written => ({ kind: 'leaf', text: JSON.stringify(value) ?? 'null' }));
// Few names, so that repeats are common; "\u0061" and "a" are the same name.
const name = fc.constantFrom('a', 'b', 'é', 'quo"te', 'x\\y', '', '\u2028');

const { value: written } = fc.letrec<{ value: Written }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }).map((items): Written => ({ kind: 'array', items })),
    fc
      .array(fc.record({ name, spelling: fc.constantFrom<'plain' | 'escaped'>('plain', 'escaped'), value: tie('value') }), { maxLength: 4 })
      .map((members): Written => ({ kind: 'object', members })),
  ),
}));

function text(value: Written, pad: string): string {
  if (value.kind === 'leaf') return value.text;
  if (value.kind === 'array') return `[${pad}${value.items.map((item) => text(item, pad)).join(`,${pad}`)}${pad}]`;
  const members = value.members.map(
    ({ name, spelling, value: member }) =>
      `${spelling === 'plain' ? JSON.stringify(name) : escaped(name)}${pad}:${pad}${text(member, pad)}`,
  );
  return `{${pad}${members.join(`,${pad}`)}${pad}}`;
}

function escaped(name: string): string {
  return `"${[...name].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`;
}

/** The first repeated name's path, found on the structure the text was written from. */
function expectedDuplicate(value: Written, path: (string | number)[] = []): (string | number)[] | undefined {
  if (value.kind === 'array') {
    for (const [i, item] of value.items.entries()) {
      const found = expectedDuplicate(item, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value.kind !== 'object') return undefined;
  const seen = new Set<string>();
  for (const member of value.members) {
    if (seen.has(member.name)) return [...path, member.name];
    seen.add(member.name);
    const found = expectedDuplicate(member.value, [...path, member.name]);
    if (found) return found;
  }
  return undefined;
}

/** How many members JSON.parse keeps in all objects of `parsed`, against how many were written. */
function membersKept(parsed: unknown): number {
  if (Array.isArray(parsed)) return parsed.reduce((n: number, item) => n + membersKept(item), 0);
  if (parsed === null || typeof parsed !== 'object') return 0;
  return Object.values(parsed).reduce((n: number, member) => n + 1 + membersKept(member), 0);
}

function membersWritten(value: Written): number {
  if (value.kind === 'array') return value.items.reduce((n, item) => n + membersWritten(item), 0);
  if (value.kind === 'object') return value.members.reduce((n, member) => n + 1 + membersWritten(member.value), 0);
  return 0;
}

describe('firstDuplicateKey', () => {
  it('issue 17 item 9: finds a repeated member name exactly when JSON.parse would drop one, at the right path', () => {
    let repeats = 0;
    fc.assert(
      fc.property(written, fc.constantFrom('', ' ', '\n\t '), (value, pad) => {
        const json = text(value, pad);
        const parsed: unknown = JSON.parse(json);
        const duplicate = firstDuplicateKey(json);
        if (duplicate) repeats++;
        expect(duplicate !== undefined).toBe(membersKept(parsed) < membersWritten(value));
        expect(duplicate).toEqual(expectedDuplicate(value));
      }),
      { numRuns: 2_000, seed: 17 },
    );
    // The generated texts must hold repeats often enough for the property to mean something.
    expect(repeats).toBeGreaterThan(200);
  });

  it('issue 17 item 9: finds none in any text JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(firstDuplicateKey(JSON.stringify(value))).toBeUndefined();
      }),
      { numRuns: 1_000, seed: 17 },
    );
  });

  it('never throws on malformed text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', 'a', ' ', 'u') }),
        (junk) => void firstDuplicateKey(junk),
      ),
      { numRuns: 2_000, seed: 17 },
    );
  });
});
