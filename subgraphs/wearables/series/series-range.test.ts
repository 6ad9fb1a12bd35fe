import { bucketBounds, parseSeriesRange } from './series-range';

describe('parseSeriesRange', () => {
  it('aligns buckets to the wall clock of from, in its offset', () => {
    const range = parseSeriesRange('2026-01-01T00:30:00-05:00', '2026-01-02T00:00:00-05:00', '1h');
    expect(range.originMs).toBe(Date.UTC(2026, 0, 1, 5));
    expect(bucketBounds(range, 1)).toEqual({
      start: '2026-01-01T01:00:00-05:00',
      end: '2026-01-01T02:00:00-05:00',
    });
    const daily = parseSeriesRange('2026-01-01T12:00:00+09:00', '2026-01-05T00:00:00+09:00', '1d');
    expect(bucketBounds(daily, 0).start).toBe('2026-01-01T00:00:00+09:00');
  });

  it('refuses bad arguments with BAD_USER_INPUT and a reason', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return [
          (error as { extensions: { code: string } }).extensions.code,
          (error as Error).message,
        ];
      }
      return null;
    };
    expect(
      code(() => parseSeriesRange('2026-01-01T00:00:00', '2026-01-02T00:00:00Z', null)),
    ).toEqual([
      'BAD_USER_INPUT',
      expect.stringMatching(/^from must be an ISO 8601 date-time with an offset/),
    ]);
    expect(
      code(() => parseSeriesRange('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', null))?.[1],
    ).toBe('from must be before to');
    expect(
      code(() => parseSeriesRange('2024-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '1d'))?.[1],
    ).toMatch(/at most 400 days/);
    expect(
      code(() => parseSeriesRange('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2h'))?.[1],
    ).toMatch(/bucket must be 5m, 1h or 1d/);
    expect(
      code(() => parseSeriesRange('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '5m'))?.[1],
    ).toMatch(/105120 buckets of 5m exceed the limit of 10000/);
    expect(
      code(() => parseSeriesRange('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '1h')),
    ).toBeNull();
  });
});
