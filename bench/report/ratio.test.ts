import type { MeasuredConfig } from '../bench-case';
import { compareToBaseline, cpuMsPerRequest, formatRatio, ratio } from './ratio';
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
