import type { MeasuredConfig } from '../bench-case';

/** candidate / baseline, or undefined when either is missing, zero or not finite. */
export function ratio(
  candidate: number | undefined,
  baseline: number | undefined,
): number | undefined {
  if (candidate === undefined || baseline === undefined) return undefined;
  if (!Number.isFinite(candidate) || !Number.isFinite(baseline) || baseline === 0) return undefined;
  return candidate / baseline;
}

export function formatRatio(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${value.toFixed(2)}×`;
}

export interface BaselineComparison {
  baselineKey: string;
  /** Throughput ratio: above 1 is faster than the baseline. */
  rps?: number;
  /** p99 latency ratio: above 1 is slower than the baseline. */
  p99?: number;
  /** CPU time per request of the served process: above 1 costs more than the baseline. */
  cpuPerRequest?: number;
}

/**
 * CPU milliseconds the served process (first in `processes`) spent per response. It
 * holds up on a busy machine where req/s does not: other work steals wall time, not
 * the CPU time a request needs.
 */
export function cpuMsPerRequest(config: MeasuredConfig): number | undefined {
  const cpuSeconds = config.processes[0]?.cpuSeconds;
  if (cpuSeconds === undefined || config.load.requests === 0) return undefined;
  return (cpuSeconds * 1000) / config.load.requests;
}

/**
 * How a configuration compares with its baseline measured in the same run: absolute
 * figures drift with the machine's load, ratios taken minutes apart hold far better.
 */
export function compareToBaseline(
  config: MeasuredConfig,
  configs: readonly MeasuredConfig[],
): BaselineComparison | undefined {
  if (!config.baselineKey) return undefined;
  const baseline = configs.find((c) => c.key === config.baselineKey);
  if (!baseline) return { baselineKey: config.baselineKey };
  return {
    baselineKey: baseline.key,
    rps: ratio(config.load.rps, baseline.load.rps),
    p99: ratio(config.load.latencyMs.p99, baseline.load.latencyMs.p99),
    cpuPerRequest: ratio(cpuMsPerRequest(config), cpuMsPerRequest(baseline)),
  };
}

export interface RatioSpread {
  min: number;
  median: number;
  max: number;
  rounds: number;
}

/**
 * The candidate/baseline ratio round by round (slice i of one against slice i of
 * the other, measured next to each other): how far one run's ratio can be trusted.
 * A spread wider than the margin a target allows means one run cannot decide it.
 */
export function roundRatioSpread(
  candidate: readonly number[] | undefined,
  baseline: readonly number[] | undefined,
): RatioSpread | undefined {
  if (!candidate || !baseline) return undefined;
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(candidate.length, baseline.length); i++) {
    const value = ratio(candidate[i], baseline[i]);
    if (value !== undefined) ratios.push(value);
  }
  if (ratios.length === 0) return undefined;
  ratios.sort((a, b) => a - b);
  const middle = ratios.length >> 1;
  const median =
    ratios.length % 2 === 1 ? ratios[middle]! : (ratios[middle - 1]! + ratios[middle]!) / 2;
  return { min: ratios[0]!, median, max: ratios[ratios.length - 1]!, rounds: ratios.length };
}

export function formatSpread(spread: RatioSpread | undefined): string {
  return spread === undefined
    ? 'n/a'
    : `${spread.min.toFixed(2)}–${spread.max.toFixed(2)}× (median ${spread.median.toFixed(2)}×, ${spread.rounds} rounds)`;
}
