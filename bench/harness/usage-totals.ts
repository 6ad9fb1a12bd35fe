import type { MeasuredConfig } from '../bench-case';
import type { ProcessUsage } from './process-usage';

/**
 * Puts a total of every sampled process first, so the "served" columns of a config
 * (RSS, CPU %, CPU ms/request) cover everything that answered its requests: a
 * federated request spends its CPU in the gateway and in every subgraph. RSS is
 * the sum of each process's own peak (an upper bound of the joint peak).
 */
export function withTotal(config: MeasuredConfig, name: string): MeasuredConfig {
  const parts = config.processes;
  const sum = (pick: (p: ProcessUsage) => number | undefined) => {
    const values = parts.map(pick);
    return values.every((v) => v !== undefined)
      ? (values as number[]).reduce((t, v) => t + v, 0)
      : undefined;
  };
  const total: ProcessUsage = {
    name,
    pid: 0,
    peakRssMiB: sum((p) => p.peakRssMiB),
    cpuSeconds: sum((p) => p.cpuSeconds),
    cpuPercent: sum((p) => p.cpuPercent),
    wallSeconds: Math.max(0, ...parts.map((p) => p.wallSeconds)),
  };
  return { ...config, processes: [total, ...parts] };
}

/** CPU milliseconds per request of each sampled process (where the time goes). */
export function cpuMsPerRequestByProcess(config: MeasuredConfig): Array<[string, number]> {
  const requests = config.load.requests;
  return config.processes
    .filter((p) => p.pid !== 0 && p.cpuSeconds !== undefined && requests > 0)
    .map((p) => [p.name, (p.cpuSeconds! * 1000) / requests]);
}
