import { requestsForSlice, sliceSchedule } from './measure-interleaved';

describe('interleaved measurement plan', () => {
  it('alternates configs, reversing the order every round', () => {
    expect(sliceSchedule(['a', 'b'], 20, 5)).toEqual([
      { key: 'a', seconds: 5 },
      { key: 'b', seconds: 5 },
      { key: 'b', seconds: 5 },
      { key: 'a', seconds: 5 },
      { key: 'a', seconds: 5 },
      { key: 'b', seconds: 5 },
      { key: 'b', seconds: 5 },
      { key: 'a', seconds: 5 },
    ]);
  });

  it('keeps the measured time per config when it does not divide into whole slices', () => {
    const schedule = sliceSchedule(['a', 'b', 'c'], 12, 5);
    expect(schedule).toHaveLength(6);
    expect(schedule.filter((s) => s.key === 'c').reduce((t, s) => t + s.seconds, 0)).toBe(12);
    expect(sliceSchedule(['a'], 2, 5)).toEqual([{ key: 'a', seconds: 2 }]);
  });

  it('sizes a slice from the last rate, never below one request per connection', () => {
    expect(requestsForSlice(91.4, 5, 50)).toBe(457);
    expect(requestsForSlice(3, 5, 50)).toBe(50);
    expect(requestsForSlice(0, 5, 50)).toBe(50);
    expect(requestsForSlice(Number.NaN, 5, 10)).toBe(10);
  });
});
