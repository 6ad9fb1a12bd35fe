import {
  Counter,
  escapeLabelValue,
  formatNumber,
  Gauge,
  Histogram,
  MetricsRegistry,
} from './prometheus-text';

describe('Prometheus text exposition', () => {
  it('writes counters with HELP, TYPE and escaped labels', () => {
    const registry = new MetricsRegistry();
    const counter = registry.register(
      new Counter({ name: 'x_total', help: 'Things\nseen', labelNames: ['code'] }),
    );
    counter.inc({ code: 'A' });
    counter.inc({ code: 'A' }, 2);
    counter.inc({ code: 'q"u\\o\nte' });
    expect(registry.render()).toBe(
      [
        '# HELP x_total Things\\nseen',
        '# TYPE x_total counter',
        'x_total{code="A"} 3',
        'x_total{code="q\\"u\\\\o\\nte"} 1',
        '',
      ].join('\n'),
    );
    expect(counter.get({ code: 'A' })).toBe(3);
  });

  it('shows an unlabelled counter at 0 before anything happens', () => {
    const registry = new MetricsRegistry();
    registry.register(new Counter({ name: 'started_total', help: 'h' }));
    expect(registry.render()).toContain('\nstarted_total 0\n');
  });

  it('refuses to decrease a counter', () => {
    const counter = new Counter({ name: 'c_total', help: 'h' });
    expect(() => counter.inc({}, -1)).toThrow(/only increase/);
  });

  it('writes histograms with cumulative buckets, +Inf, sum and count', () => {
    const histogram = new Histogram({
      name: 'latency_seconds',
      help: 'h',
      labelNames: ['op'],
      buckets: [0.1, 1],
    });
    histogram.observe(0.05, { op: 'A' });
    histogram.observe(0.5, { op: 'A' });
    histogram.observe(3, { op: 'A' });
    expect(histogram.render().split('\n').slice(2)).toEqual([
      'latency_seconds_bucket{op="A",le="0.1"} 1',
      'latency_seconds_bucket{op="A",le="1"} 2',
      'latency_seconds_bucket{op="A",le="+Inf"} 3',
      'latency_seconds_sum{op="A"} 3.55',
      'latency_seconds_count{op="A"} 3',
    ]);
  });

  it('bounds the number of series: extra label sets land in one overflow series', () => {
    const counter = new Counter({ name: 'o_total', help: 'h', labelNames: ['k'], maxSeries: 2 });
    counter.inc({ k: 'a' });
    counter.inc({ k: 'b' });
    counter.inc({ k: 'c' });
    counter.inc({ k: 'd' });
    const text = counter.render();
    expect(text).toContain('o_total{k="(overflow)"} 2');
    expect(text).not.toContain('k="c"');
  });

  it('reads collected gauges at render time', () => {
    let value = 1;
    const gauge = new Gauge({ name: 'g', help: 'h' }, () => value);
    value = 7;
    expect(gauge.render()).toContain('\ng 7');
  });

  it('rejects invalid names, reserved labels and unordered buckets', () => {
    expect(() => new Counter({ name: 'bad-name', help: 'h' })).toThrow();
    expect(() => new Counter({ name: 'c', help: 'h', labelNames: ['le'] })).toThrow();
    expect(() => new Histogram({ name: 'h', help: 'h', buckets: [1, 0.5] })).toThrow();
    const registry = new MetricsRegistry();
    registry.register(new Counter({ name: 'dup', help: 'h' }));
    expect(() => registry.register(new Counter({ name: 'dup', help: 'h' }))).toThrow();
  });

  it('formats special numbers and escapes label values as the format says', () => {
    expect([Infinity, -Infinity, NaN, 0.25].map(formatNumber)).toEqual([
      '+Inf',
      '-Inf',
      'NaN',
      '0.25',
    ]);
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });
});
