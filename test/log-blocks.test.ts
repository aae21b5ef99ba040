import { describe, expect, it } from 'vitest';

import { LogBlocks } from '../src/log-blocks.js';

function recording(blockChars: number) {
  const written: string[] = [];
  return { blocks: new LogBlocks({ write: (block: string) => written.push(block) }, blockChars), written };
}

describe('LogBlocks', () => {
  it('holds lines until a block is full, then writes them as one block, in order', () => {
    const { blocks, written } = recording(10);
    blocks.write('aaaa\n');
    expect(written).toEqual([]);
    blocks.write('bbbb\n');
    expect(written).toEqual(['aaaa\nbbbb\n']);
    blocks.write('cc\n');
    expect(written).toEqual(['aaaa\nbbbb\n']);
  });

  it('writes a line longer than a block at once, whole', () => {
    const { blocks, written } = recording(4);
    blocks.write('a line of many characters\n');
    expect(written).toEqual(['a line of many characters\n']);
  });

  it('hands over what has gathered on flush, and writes nothing when nothing has', () => {
    const { blocks, written } = recording(100);
    blocks.flush();
    expect(written).toEqual([]);
    blocks.write('one\n');
    blocks.write('two\n');
    blocks.flush();
    blocks.flush();
    expect(written).toEqual(['one\ntwo\n']);
  });
});
