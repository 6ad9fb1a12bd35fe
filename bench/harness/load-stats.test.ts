import { countPerSecond, hasGraphQLErrors, percentile, summarizeLatencies } from './load-stats';

describe('load statistics', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it('takes nearest-rank percentiles', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes unsorted latencies', () => {
    const summary = summarizeLatencies([...hundred].reverse());
    expect(summary).toEqual({ p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });

  it('counts responses per whole second and drops those outside the window', () => {
    expect(countPerSecond([0, 10, 999, 1000, 2500, 3000, -1], 3)).toEqual([3, 1, 1]);
    expect(countPerSecond([], 2)).toEqual([0, 0]);
  });

  it('spots GraphQL errors in a response body like the public benchmark does', () => {
    expect(hasGraphQLErrors('{"data":null,"errors":[{"message":"x"}]}')).toBe(true);
    expect(hasGraphQLErrors('{"data":{"users":[]}}')).toBe(false);
  });
});
