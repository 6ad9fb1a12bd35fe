import type { MeasuredConfig } from '../bench-case';
import {
  compareToBaseline,
  cpuMsPerRequest,
  formatRatio,
  formatSpread,
  ratio,
  roundRatioSpread,
} from './ratio';
import { measured } from './sample-result';

describe('ratios to the baseline', () => {
  it('divides candidate by baseline, refusing zero or missing figures', () => {
    expect(ratio(50, 100)).toBe(0.5);
    expect(ratio(100, 0)).toBeUndefined();
    expect(ratio(undefined, 100)).toBeUndefined();
    expect(ratio(Number.NaN, 100)).toBeUndefined();
    expect(formatRatio(0.5)).toBe('0.50×');
    expect(formatRatio(undefined)).toBe('n/a');
  });

  it('compares req/s, p99 and CPU per request with the named baseline', () => {
    const stock = measured('stock', { rps: 100, p99: 200, requests: 2000, cpuSeconds: 20 });
    const ours = measured('ours', { rps: 80, p99: 300, requests: 1600, cpuSeconds: 20 }, 'stock');
    expect(cpuMsPerRequest(stock)).toBe(10);
    expect(cpuMsPerRequest(ours)).toBe(12.5);
    expect(compareToBaseline(ours, [stock, ours])).toEqual({
      baselineKey: 'stock',
      rps: 0.8,
      p99: 1.5,
      cpuPerRequest: 1.25,
    });
    expect(compareToBaseline(stock, [stock, ours])).toBeUndefined();
  });

  it('says nothing when the baseline is missing from the run', () => {
    const orphan: MeasuredConfig = measured('x', { rps: 1, p99: 1, requests: 1 }, 'gone');
    expect(compareToBaseline(orphan, [orphan])).toEqual({ baselineKey: 'gone' });
  });
});

describe('round-by-round ratio spread', () => {
  it('pairs slices by round and reports min, median and max', () => {
    const spread = roundRatioSpread([90, 100, 80, 120], [100, 100, 100, 100]);
    expect(spread).toEqual({ min: 0.8, median: 0.95, max: 1.2, rounds: 4 });
    expect(formatSpread(spread)).toBe('0.80–1.20× (median 0.95×, 4 rounds)');
    expect(roundRatioSpread([90, 110, 100], [100, 100, 100])?.median).toBe(1);
  });

  it('uses only the rounds both sides have, skips unusable ones, and says n/a without any', () => {
    expect(roundRatioSpread([50, 60, 70], [100, 0])).toEqual({
      min: 0.5,
      median: 0.5,
      max: 0.5,
      rounds: 1,
    });
    expect(roundRatioSpread(undefined, [1])).toBeUndefined();
    expect(roundRatioSpread([1], [0])).toBeUndefined();
    expect(formatSpread(undefined)).toBe('n/a');
  });
});
