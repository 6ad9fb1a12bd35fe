import { scalingSizes } from './scaling.case';

describe('scalingSizes', () => {
  it('measures 1,000 and 10,000 patients by default', () => {
    expect(scalingSizes({})).toEqual([1_000, 10_000]);
  });

  it('takes BENCH_SCALING_SIZES, in increasing order', () => {
    expect(scalingSizes({ BENCH_SCALING_SIZES: '100000, 1000,10000' })).toEqual([
      1_000, 10_000, 100_000,
    ]);
  });

  it('falls back to the default when the list is not whole positive numbers', () => {
    expect(scalingSizes({ BENCH_SCALING_SIZES: '1000,lots' })).toEqual([1_000, 10_000]);
    expect(scalingSizes({ BENCH_SCALING_SIZES: '0' })).toEqual([1_000, 10_000]);
  });
});
