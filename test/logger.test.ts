import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const LOGGER = fileURLToPath(new URL('../src/logger.ts', import.meta.url));

/**
 * Runs `script` (with `createLogger` in scope) in a Node process of its own, and resolves with
 * what it wrote to stdout: all of it, and what had arrived `peekMs` after the start.
 */
function runLogging(script: string, peekMs: number): Promise<{ early: string; all: string; code: number | null }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', `import { createLogger } from ${JSON.stringify(LOGGER)};\n${script}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let all = '';
  let early: string | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (all += chunk));
  const peek = setTimeout(() => (early = all), peekMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(peek);
      resolve({ early: early ?? all, all, code });
    }),
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { msg: string });

describe('createLogger writing to stdout', () => {
  it('when the server goes quiet, its last lines still arrive within a moment', async () => {
    const { early } = await runLogging(
      `const log = createLogger('info'); log.info('one'); log.info('two'); setTimeout(() => {}, 2200);`,
      1500,
    );
    expect(lines(early).map((l) => l.msg)).toEqual(['one', 'two']);
  });

  it('logger.flush(callback) calls back, so code that waits for the log goes on', async () => {
    const { early, code } = await runLogging(
      `const log = createLogger('info'); log.info('kept'); log.flush(() => { log.info('after flush'); log.flush(() => setTimeout(() => process.exit(0), 2000)); });`,
      1000,
    );
    expect(code).toBe(0);
    expect(lines(early).map((l) => l.msg)).toEqual(['kept', 'after flush']);
  });

  it('when the process exits, or dies of an uncaught error, nothing buffered is lost', async () => {
    const exiting = await runLogging(
      `const log = createLogger('info'); for (let i = 0; i < 500; i++) log.info('line ' + i); process.exit(3);`,
      0,
    );
    expect(exiting.code).toBe(3);
    expect(lines(exiting.all)).toHaveLength(500);
    const crashing = await runLogging(
      `const log = createLogger('info'); log.info('before the crash'); setTimeout(() => { throw new Error('boom'); }, 10);`,
      0,
    );
    expect(crashing.code).toBe(1);
    expect(lines(crashing.all).map((l) => l.msg)).toEqual(['before the crash']);
  });
});
