/**
 * A small metrics registry written out in the Prometheus text exposition format
 * (version 0.0.4: https://prometheus.io/docs/instrumenting/exposition_formats/).
 * Counters, gauges and histograms with labels; nothing else is needed by the
 * gateway, and no client library is installed. Label values must come from
 * bounded sets chosen by the caller (never request data): each metric also caps
 * its series so a bug cannot grow memory without bound.
 */

export type Labels = Readonly<Record<string, string>>;

/** What a series set does past its cap: the observation lands in this series instead. */
const OVERFLOW_VALUE = '(overflow)';
const DEFAULT_MAX_SERIES = 1_000;

/** Seconds; suits request and subgraph-call latencies from 1 ms to 30 s. */
export const LATENCY_BUCKETS_SECONDS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
] as const;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label values: backslash, double quote and line feed are escaped (format spec). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: backslash and line feed are escaped (format spec). */
function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Go-style float text: +Inf, -Inf, NaN, and plain numbers otherwise. */
export function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}

function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  const parts = names.map((name, i) => `${name}="${escapeLabelValue(values[i] ?? '')}"`);
  if (extra) parts.push(extra);
  return parts.length ? `{${parts.join(',')}}` : '';
}

interface MetricOptions {
  name: string;
  help: string;
  labelNames?: readonly string[];
  maxSeries?: number;
}

abstract class Metric<TSeries> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  private readonly maxSeries: number;
  protected readonly series = new Map<string, { values: string[]; state: TSeries }>();

  protected constructor(
    readonly type: 'counter' | 'gauge' | 'histogram',
    options: MetricOptions,
  ) {
    if (!METRIC_NAME.test(options.name)) throw new Error(`invalid metric name ${options.name}`);
    for (const label of options.labelNames ?? []) {
      if (!LABEL_NAME.test(label) || label.startsWith('__') || label === 'le')
        throw new Error(`invalid label name ${label} on ${options.name}`);
    }
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames ?? [];
    this.maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES;
  }

  protected abstract initial(): TSeries;

  protected stateFor(labels: Labels = {}): TSeries {
    let values = this.labelNames.map((name) => labels[name] ?? '');
    let key = values.join('\u0000');
    let entry = this.series.get(key);
    if (!entry && this.series.size >= this.maxSeries) {
      values = this.labelNames.map(() => OVERFLOW_VALUE);
      key = values.join('\u0000');
      entry = this.series.get(key);
    }
    if (!entry) {
      entry = { values, state: this.initial() };
      this.series.set(key, entry);
    }
    return entry.state;
  }

  render(): string {
    const lines = [
      `# HELP ${this.name} ${escapeHelp(this.help)}`,
      `# TYPE ${this.name} ${this.type}`,
    ];
    for (const { values, state } of this.series.values()) lines.push(...this.sample(values, state));
    return lines.join('\n');
  }

  protected abstract sample(values: string[], state: TSeries): string[];
}

export class Counter extends Metric<{ value: number }> {
  constructor(options: MetricOptions) {
    super('counter', options);
    // A counter without labels exists (at 0) from the start, so rate() sees its first increase.
    if (this.labelNames.length === 0) this.stateFor();
  }

  protected initial() {
    return { value: 0 };
  }

  inc(labels?: Labels, by = 1): void {
    if (!(by >= 0)) throw new Error(`counter ${this.name} can only increase`);
    this.stateFor(labels).value += by;
  }

  get(labels?: Labels): number {
    return this.stateFor(labels).value;
  }

  protected sample(values: string[], state: { value: number }): string[] {
    return [`${this.name}${labelText(this.labelNames, values)} ${formatNumber(state.value)}`];
  }
}

export class Gauge extends Metric<{ value: number }> {
  constructor(
    options: MetricOptions,
    private readonly collect?: () => number,
  ) {
    super('gauge', options);
    if (this.labelNames.length === 0) this.stateFor();
  }

  protected initial() {
    return { value: 0 };
  }

  set(value: number, labels?: Labels): void {
    this.stateFor(labels).value = value;
  }

  override render(): string {
    if (this.collect) this.set(this.collect());
    return super.render();
  }

  protected sample(values: string[], state: { value: number }): string[] {
    return [`${this.name}${labelText(this.labelNames, values)} ${formatNumber(state.value)}`];
  }
}

interface HistogramState {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Metric<HistogramState> {
  private readonly buckets: readonly number[];

  constructor(options: MetricOptions & { buckets?: readonly number[] }) {
    super('histogram', options);
    const buckets = [...(options.buckets ?? LATENCY_BUCKETS_SECONDS)];
    if (buckets.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= buckets[i - 1]!)))
      throw new Error(`histogram ${this.name} needs finite, increasing buckets`);
    this.buckets = buckets;
  }

  protected initial(): HistogramState {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }

  observe(value: number, labels?: Labels): void {
    const state = this.stateFor(labels);
    // Buckets are stored non-cumulative and summed on render: one increment per observation.
    const index = this.buckets.findIndex((bound) => value <= bound);
    if (index >= 0) state.counts[index]! += 1;
    state.sum += value;
    state.count += 1;
  }

  protected sample(values: string[], state: HistogramState): string[] {
    const lines: string[] = [];
    let cumulative = 0;
    this.buckets.forEach((bound, i) => {
      cumulative += state.counts[i]!;
      const le = `le="${formatNumber(bound)}"`;
      lines.push(`${this.name}_bucket${labelText(this.labelNames, values, le)} ${cumulative}`);
    });
    lines.push(
      `${this.name}_bucket${labelText(this.labelNames, values, 'le="+Inf"')} ${state.count}`,
      `${this.name}_sum${labelText(this.labelNames, values)} ${formatNumber(state.sum)}`,
      `${this.name}_count${labelText(this.labelNames, values)} ${state.count}`,
    );
    return lines;
  }
}

/** The metrics of one process, written out in registration order. */
export class MetricsRegistry {
  private readonly metrics: { name: string; render(): string }[] = [];

  register<T extends { name: string; render(): string }>(metric: T): T {
    if (this.metrics.some((m) => m.name === metric.name))
      throw new Error(`metric ${metric.name} registered twice`);
    this.metrics.push(metric);
    return metric;
  }

  /** The whole exposition, ending with a line feed as the format requires. */
  render(): string {
    return `${this.metrics.map((m) => m.render()).join('\n')}\n`;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
