import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import {
  countPerSecond,
  hasGraphQLErrors,
  summarizeLatencies,
  type LatencySummary,
} from './load-stats';

/** What to send. */
export interface RequestSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec extends RequestSpec {
  connections: number;
  /** Seconds of load; ignored when `amount` is given. */
  durationSeconds?: number;
  /** Exact number of requests (tests). */
  amount?: number;
  /** Per-request timeout, seconds. */
  timeoutSeconds?: number;
}

/** The raw outcome of one load run; several runs of a config are summarized together. */
export interface LoadSample {
  durationSeconds: number;
  latenciesMs: number[];
  /** Responses per whole second of the run. */
  perSecond: number[];
  non2xx: number;
  graphqlErrors: number;
  transportErrors: number;
  timeouts: number;
}

export interface LoadResult {
  requests: number;
  durationSeconds: number;
  rps: number;
  latencyMs: LatencySummary;
  /** Responses with a status outside 2xx. */
  non2xx: number;
  /** 2xx responses whose body carries GraphQL `errors`. */
  graphqlErrors: number;
  /** Connection errors and timeouts (no response at all). */
  transportErrors: number;
  timeouts: number;
  /** Responses per second over the measured runs, end to end, for charts. */
  perSecond: number[];
}

/**
 * Drives HTTP load with autocannon (in this process) and records it itself: every
 * response's latency is kept, so percentiles are exact (autocannon's own summary has
 * no p95), and each 2xx body is checked for GraphQL errors like the public
 * benchmark's k6 script does.
 */
export async function driveLoadSample(spec: LoadSpec): Promise<LoadSample> {
  const latencies: number[] = [];
  const offsets: number[] = [];
  let graphqlErrors = 0;
  const started = performance.now();
  // Without a callback autocannon returns its tracker, an event emitter that is also
  // a promise of the result (lib/init.js); its typings only show the promise.
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.durationSeconds }),
    timeout: spec.timeoutSeconds ?? 30,
    requests: [
      {
        method: spec.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...spec.headers },
        body: spec.body,
        onResponse: (status: number, body: string) => {
          if (status >= 200 && status < 300 && hasGraphQLErrors(body)) graphqlErrors++;
        },
      },
    ],
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    offsets.push(performance.now() - started);
  });
  const result = await instance;
  return {
    durationSeconds: result.duration,
    latenciesMs: latencies,
    // Whole seconds only: a partial last second would read as a drop in throughput.
    perSecond: countPerSecond(offsets, Math.max(1, Math.floor(result.duration))),
    non2xx: result.non2xx,
    graphqlErrors,
    transportErrors: result.errors,
    timeouts: result.timeouts,
  };
}

export function summarizeLoad(samples: readonly LoadSample[]): LoadResult {
  const latencies = samples.flatMap((s) => s.latenciesMs);
  const durationSeconds = samples.reduce((total, s) => total + s.durationSeconds, 0);
  const sum = (pick: (s: LoadSample) => number) => samples.reduce((t, s) => t + pick(s), 0);
  return {
    requests: latencies.length,
    durationSeconds,
    rps: durationSeconds > 0 ? latencies.length / durationSeconds : 0,
    latencyMs: summarizeLatencies(latencies),
    non2xx: sum((s) => s.non2xx),
    graphqlErrors: sum((s) => s.graphqlErrors),
    transportErrors: sum((s) => s.transportErrors),
    timeouts: sum((s) => s.timeouts),
    perSecond: samples.flatMap((s) => s.perSecond),
  };
}

export async function driveLoad(spec: LoadSpec): Promise<LoadResult> {
  return summarizeLoad([await driveLoadSample(spec)]);
}
