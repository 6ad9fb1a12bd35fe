import type { CaseResult, MeasuredConfig } from '../bench-case';

/** Hand-made results for the report tests (no load is driven). */
export function measured(
  key: string,
  figures: { rps: number; p99: number; requests: number; cpuSeconds?: number },
  baselineKey?: string,
): MeasuredConfig {
  return {
    key,
    label: `${key} gateway`,
    baselineKey,
    load: {
      requests: figures.requests,
      durationSeconds: figures.requests / figures.rps,
      rps: figures.rps,
      latencyMs: {
        p50: figures.p99 / 2,
        p95: figures.p99 * 0.9,
        p99: figures.p99,
        max: 999,
        mean: 1,
      },
      non2xx: 0,
      graphqlErrors: 1,
      transportErrors: 0,
      timeouts: 0,
      perSecond: [figures.rps, figures.rps],
    },
    processes: [
      {
        name: 'gateway',
        pid: 1,
        peakRssMiB: 300.4,
        cpuSeconds: figures.cpuSeconds,
        cpuPercent: figures.cpuSeconds === undefined ? undefined : 99.6,
        wallSeconds: 20,
      },
      {
        name: 'subgraphs',
        pid: 2,
        peakRssMiB: 120,
        cpuSeconds: 2,
        cpuPercent: 10,
        wallSeconds: 20,
      },
    ],
  };
}

export function sampleResult(): CaseResult {
  return {
    name: 'federation',
    description: 'A sample case.',
    settings: { connections: 50, 'warm-up': '10 s' },
    configs: [
      measured('stock', { rps: 100, p99: 200, requests: 2000, cpuSeconds: 20 }),
      measured('ours', { rps: 80, p99: 300, requests: 1600, cpuSeconds: 20 }, 'stock'),
    ],
    charts: [
      {
        id: 'throughput',
        title: 'Throughput',
        xLabel: 'second',
        yLabel: 'req/s',
        series: [{ name: 'stock', points: [[1, 100]] }],
      },
    ],
    notes: ['Published figure: 91 req/s.'],
  };
}
