import fc from 'fast-check';

/**
 * Fragments that trip up text handling: lone and swapped surrogates, NUL and other controls,
 * bidirectional overrides, zero-width and byte-order marks, emoji sequences, stacked combining
 * marks, noncharacters, look-alikes and characters whose case mapping changes their length.
 */
export const ODD_FRAGMENTS: readonly string[] = [
  '\uD800',
  '\uDFFF',
  '\uDC00\uD800',
  '\u0000',
  'a\u0000b',
  '\u0001\u001F\u007F',
  '\u001B[31m',
  '\r\n',
  '\t',
  '\u200F',
  '\u202E',
  '\u2066x\u2069',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\u{1F600}',
  '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}',
  '\u{1F1FA}\u{1F1F8}',
  '\u{1F44D}\u{1F3FD}',
  'e\u0301',
  `Z${'\u0336'.repeat(40)}`,
  '\uFFFF',
  '\uFFFE',
  '\u{10FFFF}',
  '\uFF21\uFF23\uFF2D\uFF25',
  '\u0410\u0421\u041C\u0415',
  '\u0131',
  '\u00DF',
  '\uFB00',
  '\u212B',
  "'",
  '"',
  '\\',
  '%',
  '_',
  '%00',
  '../',
  '/',
];

/** Text made of odd fragments, possibly mixed with plain ASCII. */
export function oddText(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ODD_FRAGMENTS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
  );
  return fc.array(piece, { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(''));
}

/** Units long strings repeat: one-byte, two-byte, four-byte (astral), a NUL and a lone surrogate. */
export const HUGE_UNITS: readonly string[] = ['A', '\u00E9', '\u{1F600}', '\u0000', '\uD800'];

/** `unit` repeated `count` times (code points), for strings far past any documented length. */
export function repeated(unit: string, count: number): string {
  return unit.repeat(count);
}
