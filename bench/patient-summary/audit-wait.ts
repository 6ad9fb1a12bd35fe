/**
 * How long the policy-on gateway held its answers for their audit commit, read
 * from its own histogram (patientgraph_gateway_audit_wait_seconds, /metrics) before
 * and after a run: the latency the durable audit adds, measured where it happens.
 */
export const AUDIT_WAIT_METRIC = 'patientgraph_gateway_audit_wait_seconds';

/** A histogram as rendered: cumulative counts per upper bound (seconds), sum, count. */
export interface HistogramSnapshot {
  buckets: Array<{ le: number; cumulative: number }>;
  sum: number;
  count: number;
}

/** The metric's series in Prometheus text; an absent metric reads as empty. */
export function parseHistogram(text: string, name = AUDIT_WAIT_METRIC): HistogramSnapshot {
  const snapshot: HistogramSnapshot = { buckets: [], sum: 0, count: 0 };
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const [series, value] = line.split(' ');
    const number = Number(value);
    if (series === undefined || !Number.isFinite(number)) continue;
    const bucket = /^.+_bucket\{(?:.*,)?le="([^"]+)"\}$/.exec(series);
    if (bucket) {
      const le = bucket[1] === '+Inf' ? Infinity : Number(bucket[1]);
      snapshot.buckets.push({ le, cumulative: number });
    } else if (series === `${name}_sum`) snapshot.sum = number;
    else if (series === `${name}_count`) snapshot.count = number;
  }
  snapshot.buckets.sort((a, b) => a.le - b.le);
  return snapshot;
}

/** The observations made between two snapshots of the same histogram. */
export function histogramBetween(
  before: HistogramSnapshot,
  after: HistogramSnapshot,
): HistogramSnapshot {
  return {
    buckets: after.buckets.map(({ le, cumulative }) => ({
      le,
      cumulative: cumulative - (before.buckets.find((b) => b.le === le)?.cumulative ?? 0),
    })),
    sum: after.sum - before.sum,
    count: after.count - before.count,
  };
}

/**
 * The bucket bound the q-quantile lies under (seconds): an upper bound, as exact as
 * the buckets are fine. Undefined for an empty histogram.
 */
export function quantileBound(histogram: HistogramSnapshot, q: number): number | undefined {
  if (histogram.count <= 0) return undefined;
  const rank = q * histogram.count;
  return histogram.buckets.find((b) => b.cumulative >= rank)?.le ?? Infinity;
}

/** Reads the gateway's histogram (metrics are open to loopback callers in development). */
export async function readAuditWait(gatewayUrl: string): Promise<HistogramSnapshot> {
  const url = new URL('/metrics', gatewayUrl);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url.href} answered ${response.status}`);
  return parseHistogram(await response.text());
}
