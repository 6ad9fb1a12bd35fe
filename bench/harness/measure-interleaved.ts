import type { MeasuredConfig } from '../bench-case';
import type { BenchOptions } from '../bench-options';
import { driveLoadSample, summarizeLoad, type LoadSample, type RequestSpec } from './drive-load';
import { mergeUsage, sampleProcessUsage, type ProcessUsage } from './process-usage';

/** How much load one run drives: a duration (warm-up) or an exact count (measured slices). */
export interface LoadAmount {
  connections: number;
  durationSeconds?: number;
  amount?: number;
}

/** A running server of a case, ready to take load. */
export interface ConfigUnderLoad {
  key: string;
  label: string;
  baselineKey?: string;
  /** One fixed request, sent by autocannon. */
  request?: RequestSpec;
  /**
   * Or a driver of its own (bench/harness/drive-requests.ts), for requests that vary
   * or span several calls. It must let requests in flight finish before resolving.
   */
  drive?: (load: LoadAmount) => Promise<LoadSample>;
  /** The system under test. */
  served: { name: string; pid: number };
  /** Processes it depends on (subgraphs), sampled so a saturated one shows in the report. */
  alsoSampled?: ReadonlyArray<{ name: string; pid: number }>;
}

export type MeasureOptions = Pick<
  BenchOptions,
  'durationSeconds' | 'warmupSeconds' | 'connections' | 'log'
>;

/** Nominal length of one measured slice. */
export const SLICE_SECONDS = 5;

/**
 * The order of measured slices: each config's measured time is cut into slices of
 * about `sliceSeconds`, and the configs take turns, reversing the order every round
 * (A B, B A, A B ...), so a change in the machine's background load mid-run falls on
 * both sides instead of biasing the ratio.
 */
export function sliceSchedule(
  keys: readonly string[],
  durationSeconds: number,
  sliceSeconds = SLICE_SECONDS,
): Array<{ key: string; seconds: number }> {
  const rounds = Math.max(1, Math.round(durationSeconds / sliceSeconds));
  const seconds = durationSeconds / rounds;
  const schedule: Array<{ key: string; seconds: number }> = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? keys : [...keys].reverse();
    for (const key of order) schedule.push({ key, seconds });
  }
  return schedule;
}

/**
 * Requests for a slice of about `seconds` at the rate seen last. A slice is a fixed
 * number of requests (autocannon `amount`), not a fixed time: autocannon waits for
 * every response, so no request is abandoned in flight, the server is idle when the
 * next slice starts, and CPU time divides exactly by the responses counted.
 */
export function requestsForSlice(rps: number, seconds: number, connections: number): number {
  const wanted = Number.isFinite(rps) && rps > 0 ? Math.round(rps * seconds) : connections;
  return Math.max(connections, wanted);
}

function driveConfig(config: ConfigUnderLoad, load: LoadAmount): Promise<LoadSample> {
  if (config.drive) return config.drive(load);
  if (!config.request) throw new Error(`${config.key}: neither a request nor a driver`);
  return driveLoadSample({ ...config.request, ...load });
}

/** Lets the server finish what a duration-bound run left in flight. */
async function settle(request: RequestSpec | undefined): Promise<void> {
  if (!request) return; // custom drivers finish their own requests
  try {
    const response = await fetch(request.url, {
      method: request.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(120_000),
    });
    await response.arrayBuffer();
  } catch {
    // The measured run reports whatever is wrong.
  }
}

/**
 * Warms every config up, then measures them in alternating slices (see sliceSchedule),
 * sampling RSS and CPU of their processes during each slice.
 */
export async function measureInterleaved(
  configs: readonly ConfigUnderLoad[],
  options: MeasureOptions,
): Promise<MeasuredConfig[]> {
  const rate = new Map<string, number>();
  for (const config of configs) {
    // Also the rate calibration for the first slice, so never shorter than a second.
    const seconds = Math.max(1, options.warmupSeconds);
    options.log(`  ${config.label}: warm-up ${seconds} s`);
    const warm = await driveConfig(config, {
      connections: options.connections,
      durationSeconds: seconds,
    });
    rate.set(config.key, warm.latenciesMs.length / warm.durationSeconds);
    // A duration-bound run abandons its last requests; the server still serves them.
    // One more request returns once they are done (a Node server serves in order).
    await settle(config.request);
  }
  const schedule = sliceSchedule(
    configs.map((c) => c.key),
    options.durationSeconds,
  );
  options.log(
    `  measuring ${options.durationSeconds} s per configuration in ${schedule.length} alternating slices`,
  );
  const samples = new Map<string, LoadSample[]>(configs.map((c) => [c.key, []]));
  const usage = new Map<string, ProcessUsage[][]>(configs.map((c) => [c.key, []]));
  for (const slice of schedule) {
    const config = configs.find((c) => c.key === slice.key)!;
    const sampler = sampleProcessUsage([config.served, ...(config.alsoSampled ?? [])]);
    let sample: LoadSample;
    try {
      sample = await driveConfig(config, {
        connections: options.connections,
        amount: requestsForSlice(rate.get(config.key)!, slice.seconds, options.connections),
      });
    } finally {
      usage.get(config.key)!.push(sampler.stop());
    }
    samples.get(config.key)!.push(sample);
    rate.set(config.key, sample.latenciesMs.length / sample.durationSeconds);
  }
  return configs.map((config) => ({
    key: config.key,
    label: config.label,
    baselineKey: config.baselineKey,
    load: summarizeLoad(samples.get(config.key)!),
    processes: mergeUsage(usage.get(config.key)!),
    sliceRps: samples.get(config.key)!.map((s) => s.latenciesMs.length / s.durationSeconds),
  }));
}
