/** Nearest-rank percentile (p in 0..100) of values sorted ascending; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarizeLatencies(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Counts per whole second since the start; `at` are offsets in ms. */
export function countPerSecond(offsetsMs: readonly number[], seconds: number): number[] {
  const buckets = new Array<number>(Math.max(0, Math.ceil(seconds))).fill(0);
  for (const at of offsetsMs) {
    const second = Math.floor(at / 1000);
    if (second >= 0 && second < buckets.length) buckets[second]!++;
  }
  return buckets;
}

/** The k6 check "no graphql errors": the body of a 2xx response names an `errors` key. */
export function hasGraphQLErrors(body: string): boolean {
  return body.includes('"errors"');
}
