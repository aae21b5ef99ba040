import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { expandCpuList, onCpus, pinProcess, planCpuSplit } from '../../bench/cpu-split.js';

const status = (list: string) => `Name:\tnode\nCpus_allowed:\t3\nCpus_allowed_list:\t${list}\nMems_allowed:\t1\n`;
const allowedOf = (pid: number) => /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1];
const cpus = expandCpuList(allowedOf(process.pid)!);
const taskset = (() => {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('planCpuSplit', () => {
  it('gives the servers the first CPU and the client the rest', () => {
    expect(expandCpuList('0-2,5,7-8')).toEqual([0, 1, 2, 5, 7, 8]);
    if (!taskset) return;
    expect(planCpuSplit(status('0-3'))).toEqual({ serverCpus: '0', clientCpus: '1,2,3', allCpus: '0-3' });
    expect(planCpuSplit(status('2,5'))).toEqual({ serverCpus: '2', clientCpus: '5', allCpus: '2,5' });
  });

  it('says why there is no split on one CPU or when the system does not tell', () => {
    expect(planCpuSplit(status('1'))).toMatch(/only one CPU \(1\)/);
    expect(planCpuSplit('Name:\tnode\n')).toMatch(/does not say which CPUs/);
  });
});

describe.runIf(taskset && cpus.length >= 2)('pinning', () => {
  it('pins every thread of a running process, and gives the CPUs back', async () => {
    const child = spawn(process.execPath, ['-e', "console.log('up'); setTimeout(() => {}, 10000)"]);
    try {
      // Once it prints, Node has started its worker threads too.
      await new Promise((resolve) => child.stdout.once('data', resolve));
      pinProcess(child.pid!, String(cpus[0]));
      const threads = execFileSync('ls', [`/proc/${child.pid}/task`], { encoding: 'utf8' })
        .trim()
        .split('\n');
      expect(threads.length).toBeGreaterThan(1);
      for (const thread of threads) expect(allowedOf(Number(thread))).toBe(String(cpus[0]));
      pinProcess(child.pid!, allowedOf(process.pid)!);
      expect(allowedOf(child.pid!)).toBe(allowedOf(process.pid));
    } finally {
      child.kill();
    }
  });

  it('starts a command on the CPUs given', () => {
    const [command, args] = onCpus(String(cpus[1]), process.execPath, [
      '-e',
      "process.stdout.write(/Cpus_allowed_list:\\s*(\\S+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1])",
    ]);
    expect(execFileSync(command, args, { encoding: 'utf8' })).toBe(String(cpus[1]));
  });
});
