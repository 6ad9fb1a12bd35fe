import fs from 'node:fs';

export interface ProcessUsage {
  name: string;
  pid: number;
  /** Highest resident set size seen by sampling during the measurement, MiB. */
  peakRssMiB?: number;
  /** CPU time (user + system) used during the measurement, seconds. */
  cpuSeconds?: number;
  /** cpuSeconds / wall time, in % of one core. */
  cpuPercent?: number;
  /** Wall time sampled, seconds. */
  wallSeconds: number;
}

/** One process's usage over several sampled windows (the same processes, in order). */
export function mergeUsage(windows: ReadonlyArray<readonly ProcessUsage[]>): ProcessUsage[] {
  if (windows.length === 0) return [];
  return windows[0]!.map((first, i) => {
    const all = windows.map((w) => w[i]!);
    const wallSeconds = all.reduce((t, u) => t + u.wallSeconds, 0);
    const rss = all.map((u) => u.peakRssMiB).filter((v): v is number => v !== undefined);
    const cpu = all.map((u) => u.cpuSeconds);
    const cpuSeconds = cpu.every((v) => v !== undefined)
      ? cpu.reduce((t: number, v) => t + v!, 0)
      : undefined;
    return {
      name: first.name,
      pid: first.pid,
      peakRssMiB: rss.length ? Math.max(...rss) : undefined,
      cpuSeconds,
      cpuPercent:
        cpuSeconds !== undefined && wallSeconds > 0 ? (cpuSeconds / wallSeconds) * 100 : undefined,
      wallSeconds,
    };
  });
}

/** Linux `USER_HZ`: the unit of utime/stime in /proc/<pid>/stat (100 on every mainstream kernel). */
const CLOCK_TICKS_PER_SECOND = 100;

/** VmRSS of a /proc/<pid>/status text, in KiB. */
export function parseVmRssKiB(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** utime + stime (clock ticks) of a /proc/<pid>/stat line. */
export function parseCpuTicks(stat: string): number | undefined {
  // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, utime field 14 and stime field 15.
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

function read(path: string): string | undefined {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

export interface UsageSampler {
  stop(): ProcessUsage[];
}

/**
 * Samples RSS of the given processes every `intervalMs` and their CPU time at start
 * and stop, from /proc. Elsewhere than Linux the figures are left undefined.
 */
export function sampleProcessUsage(
  processes: ReadonlyArray<{ name: string; pid: number }>,
  intervalMs = 250,
): UsageSampler {
  const startedAt = Date.now();
  const startTicks = processes.map((p) => parseCpuTicks(read(`/proc/${p.pid}/stat`) ?? ''));
  const peakKiB = processes.map(() => 0);
  const sample = () =>
    processes.forEach((p, i) => {
      const rss = parseVmRssKiB(read(`/proc/${p.pid}/status`) ?? '');
      if (rss !== undefined && rss > peakKiB[i]!) peakKiB[i] = rss;
    });
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (Date.now() - startedAt) / 1000;
      return processes.map((p, i) => {
        const endTicks = parseCpuTicks(read(`/proc/${p.pid}/stat`) ?? '');
        const start = startTicks[i];
        const cpuSeconds =
          start !== undefined && endTicks !== undefined
            ? (endTicks - start) / CLOCK_TICKS_PER_SECOND
            : undefined;
        const cpuPercent =
          cpuSeconds !== undefined && seconds > 0 ? (cpuSeconds / seconds) * 100 : undefined;
        return {
          name: p.name,
          pid: p.pid,
          peakRssMiB: peakKiB[i]! > 0 ? peakKiB[i]! / 1024 : undefined,
          cpuSeconds,
          cpuPercent,
          wallSeconds: seconds,
        };
      });
    },
  };
}

export interface IdleWait {
  /** False when the processes were still busy at the timeout. */
  idle: boolean;
  waitedMs: number;
}

/**
 * Waits until every process has used less than `maxCpuShare` of a core over a
 * window of `windowMs`: the work a run leaves behind (an outbox still linking
 * patients, a commit in flight) is finished before the next run is timed, and is
 * counted in the run's CPU, not the next one's.
 */
export async function waitUntilIdle(
  pids: readonly number[],
  options: { windowMs?: number; maxCpuShare?: number; timeoutMs?: number } = {},
): Promise<IdleWait> {
  const windowMs = options.windowMs ?? 300;
  const maxTicks = (options.maxCpuShare ?? 0.1) * (windowMs / 1000) * CLOCK_TICKS_PER_SECOND;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = Date.now();
  const ticks = () => pids.map((pid) => parseCpuTicks(read(`/proc/${pid}/stat`) ?? ''));
  for (;;) {
    const before = ticks();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = ticks();
    const quiet = pids.every((_, i) => {
      const [a, b] = [before[i], after[i]];
      return a === undefined || b === undefined || b - a <= maxTicks;
    });
    const waitedMs = Date.now() - started;
    if (quiet) return { idle: true, waitedMs };
    if (waitedMs >= timeoutMs) return { idle: false, waitedMs };
  }
}
