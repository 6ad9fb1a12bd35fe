import { performance } from 'node:perf_hooks';
import type { LoadSample } from './drive-load';
import { countPerSecond } from './load-stats';

/** How one logical request ended (it may be several HTTP calls, e.g. the direct baseline). */
export interface RequestOutcome {
  /** Every HTTP call answered 2xx. */
  ok: boolean;
  /** A 2xx answer carried GraphQL `errors`. */
  graphqlErrors: boolean;
}

export interface DriveSpec {
  connections: number;
  /** Seconds of load; ignored when `amount` is given. */
  durationSeconds?: number;
  /** Exact number of logical requests, over all connections. */
  amount?: number;
  /**
   * Sends logical request number `n` (0, 1, 2, ... across connections) and resolves
   * when it is fully answered. Throwing counts as a transport error; a TimeoutError
   * (AbortSignal.timeout) as a timeout.
   */
  send: (n: number) => Promise<RequestOutcome>;
}

/**
 * A closed-loop load generator for logical requests autocannon cannot express: one
 * fixed body per run is all autocannon sends, while here every request may name
 * another patient, or be several calls in a row. `connections` workers each send
 * their next request as soon as the last is answered; a duration-bound run lets
 * every request in flight finish (nothing is abandoned, so CPU time divides by the
 * responses counted). Same LoadSample as the autocannon driver, same statistics.
 */
export async function driveRequests(spec: DriveSpec): Promise<LoadSample> {
  const latencies: number[] = [];
  const offsets: number[] = [];
  let next = 0;
  let non2xx = 0;
  let graphqlErrors = 0;
  let transportErrors = 0;
  let timeouts = 0;
  const started = performance.now();
  const deadline =
    spec.amount === undefined ? started + (spec.durationSeconds ?? 10) * 1000 : Infinity;
  const more = () =>
    spec.amount !== undefined ? next < spec.amount : performance.now() < deadline;
  const worker = async () => {
    while (more()) {
      const n = next++;
      const sent = performance.now();
      try {
        const outcome = await spec.send(n);
        if (!outcome.ok) non2xx++;
        else if (outcome.graphqlErrors) graphqlErrors++;
        const done = performance.now();
        latencies.push(done - sent);
        offsets.push(done - started);
      } catch (error) {
        if ((error as Error)?.name === 'TimeoutError') timeouts++;
        else transportErrors++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, spec.connections) }, worker));
  const durationSeconds = (performance.now() - started) / 1000;
  return {
    durationSeconds,
    latenciesMs: latencies,
    perSecond: countPerSecond(offsets, Math.max(1, Math.floor(durationSeconds))),
    non2xx,
    graphqlErrors,
    transportErrors,
    timeouts,
  };
}
