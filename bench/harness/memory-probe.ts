import fs from 'node:fs';
import path from 'node:path';

/** The preload every benchmark stack process runs (see memory-probe-preload.js). */
export const MEMORY_PROBE_PRELOAD = path.join(__dirname, 'memory-probe-preload.js');

export interface ProbedMemory {
  heapUsedMiB: number;
  rssMiB: number;
}

/**
 * Asks a stack process (started with the memory-probe preload and
 * BENCH_MEMORY_PROBE_DIR=dir) to collect its garbage and report; resolves with
 * its heap in use after the collection, or undefined if it does not answer.
 */
export async function probeMemory(
  dir: string,
  pid: number,
  timeoutMs = 5_000,
): Promise<ProbedMemory | undefined> {
  const file = path.join(dir, `${pid}.json`);
  const askedAt = Date.now();
  try {
    process.kill(pid, 'SIGUSR2');
  } catch {
    return undefined;
  }
  while (Date.now() - askedAt < timeoutMs) {
    try {
      const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        at: number;
        heapUsed: number;
        rss: number;
      };
      if (report.at >= askedAt)
        return { heapUsedMiB: report.heapUsed / 1024 ** 2, rssMiB: report.rss / 1024 ** 2 };
    } catch {
      // not written yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}
