import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import {
  mergeUsage,
  parseCpuTicks,
  parseVmRssKiB,
  sampleProcessUsage,
  waitUntilIdle,
} from './process-usage';

describe('process usage from /proc', () => {
  it('reads VmRSS from a status file', () => {
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';
    expect(parseVmRssKiB(status)).toBe(102400);
    expect(parseVmRssKiB('Name:\tzombie\n')).toBeUndefined();
  });

  it('reads utime + stime even when the command name holds spaces and parentheses', () => {
    const stat = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 900 0 0 0 150 25 0 0 20 0 11 0';
    expect(parseCpuTicks(stat)).toBe(175);
    expect(parseCpuTicks('')).toBeUndefined();
  });

  const onLinux = fs.existsSync('/proc/self/status') ? it : it.skip;
  onLinux('samples a live process', () => {
    const usage = sampleProcessUsage([{ name: 'self', pid: process.pid }], 1000).stop();
    expect(usage).toHaveLength(1);
    expect(usage[0]!.name).toBe('self');
    expect(usage[0]!.peakRssMiB).toBeGreaterThan(1);
    expect(usage[0]!.cpuSeconds).toBeGreaterThanOrEqual(0);
  });

  it('leaves figures undefined for a process that does not exist', () => {
    const usage = sampleProcessUsage([{ name: 'gone', pid: 2 ** 30 }], 1000).stop();
    expect(usage[0]).toEqual({
      name: 'gone',
      pid: 2 ** 30,
      peakRssMiB: undefined,
      cpuSeconds: undefined,
      cpuPercent: undefined,
      wallSeconds: expect.any(Number),
    });
  });

  it('merges windows: CPU time and wall time add up, RSS takes the peak', () => {
    const window = (rss: number, cpu: number | undefined, wall: number) => [
      { name: 'gw', pid: 7, peakRssMiB: rss, cpuSeconds: cpu, cpuPercent: 0, wallSeconds: wall },
    ];
    expect(mergeUsage([window(100, 1, 4), window(150, 3, 4)])).toEqual([
      { name: 'gw', pid: 7, peakRssMiB: 150, cpuSeconds: 4, cpuPercent: 50, wallSeconds: 8 },
    ]);
    expect(mergeUsage([window(100, 1, 4), window(90, undefined, 4)])[0]).toMatchObject({
      peakRssMiB: 100,
      cpuSeconds: undefined,
      cpuPercent: undefined,
    });
    expect(mergeUsage([])).toEqual([]);
  });
});

describe('waitUntilIdle', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });
  const start = (script: string) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    children.push(child);
    return child.pid!;
  };

  const linux = process.platform === 'linux' ? it : it.skip;

  linux('answers idle once a sleeping process has used no CPU for a window', async () => {
    const pid = start('setTimeout(() => {}, 60_000)');
    await new Promise((resolve) => setTimeout(resolve, 300)); // past node's start-up
    const wait = await waitUntilIdle([pid], { windowMs: 200, timeoutMs: 5_000 });
    expect(wait.idle).toBe(true);
  });

  linux('answers busy at the timeout while a process spins', async () => {
    const pid = start('for (;;) {}');
    const wait = await waitUntilIdle([pid], { windowMs: 200, timeoutMs: 600 });
    expect(wait).toMatchObject({ idle: false });
    expect(wait.waitedMs).toBeGreaterThanOrEqual(600);
  });
});
