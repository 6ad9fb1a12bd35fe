import { Histogram, MetricsRegistry } from '../../gateway/observability/prometheus-text';
import { AUDIT_WAIT_METRIC, histogramBetween, parseHistogram, quantileBound } from './audit-wait';

/** The gateway's own rendering, so the parser reads what /metrics really says. */
function rendered(observations: number[]): string {
  const registry = new MetricsRegistry();
  const histogram = registry.register(
    new Histogram({ name: AUDIT_WAIT_METRIC, help: 'test', buckets: [0.001, 0.005, 0.01] }),
  );
  for (const seconds of observations) histogram.observe(seconds);
  return registry.render();
}

describe('audit wait from the gateway histogram', () => {
  it('reads buckets, sum and count, and takes the difference between two reads', () => {
    const before = parseHistogram(rendered([0.0005, 0.002]));
    expect(before.count).toBe(2);
    expect(before.sum).toBeCloseTo(0.0025);
    expect(before.buckets).toEqual([
      { le: 0.001, cumulative: 1 },
      { le: 0.005, cumulative: 2 },
      { le: 0.01, cumulative: 2 },
      { le: Infinity, cumulative: 2 },
    ]);
    const after = parseHistogram(rendered([0.0005, 0.002, 0.008, 0.009, 0.02]));
    const run = histogramBetween(before, after);
    expect(run.count).toBe(3);
    expect(run.sum).toBeCloseTo(0.037);
    expect(quantileBound(run, 0.5)).toBe(0.01);
    expect(quantileBound(run, 0.99)).toBe(Infinity);
  });

  it('reads an absent metric as empty, with no quantile', () => {
    const empty = parseHistogram('other_metric 1\n');
    expect(empty).toEqual({ buckets: [], sum: 0, count: 0 });
    expect(quantileBound(empty, 0.5)).toBeUndefined();
  });
});
