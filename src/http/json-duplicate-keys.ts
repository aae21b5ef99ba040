/**
 * Where the first member name repeated within one object of a JSON text is, as the path of
 * names and indexes down to it (`["items", 0, "name"]`), or undefined when no object repeats a
 * name. `JSON.parse` keeps the last of repeated names silently, so `{"region":"US","region":"EU"}`
 * means whatever the last parser in a chain decides; this finds the repetition first.
 *
 * It only tracks structure (brackets, commas, colons, strings), so it is meant for a text that
 * `JSON.parse` then parses; on malformed text it answers undefined or a path, never throws.
 * Names are compared once unescaped (`"a"` and `"\u0061"` are the same name). A property test
 * (test/hardening/json-duplicate-keys.test.ts) holds it to `JSON.parse` on generated texts.
 */
export function firstDuplicateKey(text: string): (string | number)[] | undefined {
  // One frame per open object (the names seen, the current one) or array (the current index).
  const frames: ({ names: Set<string>; name: string | undefined } | { index: number })[] = [];
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = closingQuote(text, i);
      if (end === -1) return undefined;
      const top = frames.at(-1);
      if (expectName && top && 'names' in top) {
        const name = memberName(text.slice(i, end + 1));
        if (name === undefined) return undefined;
        top.name = name;
        if (top.names.has(name)) return frames.map((frame) => ('names' in frame ? frame.name! : frame.index));
        top.names.add(name);
        expectName = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      frames.push({ names: new Set(), name: undefined });
      expectName = true;
    } else if (c === 0x5b /* [ */) {
      frames.push({ index: 0 });
      expectName = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      expectName = false;
    } else if (c === 0x2c /* , */) {
      const top = frames.at(-1);
      if (top && 'index' in top) top.index++;
      expectName = top !== undefined && 'names' in top;
    }
  }
  return undefined;
}

/** Index of the quote closing the string that opens at `start`, or -1. */
function closingQuote(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}

/** A member name's value: the quoted text itself when it has no escape, else JSON's reading of it (undefined when malformed). */
function memberName(quoted: string): string | undefined {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}
