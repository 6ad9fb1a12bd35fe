import { Random } from './random';

describe('Random', () => {
  it('is a pure function of its seeds', () => {
    const a = new Random(42, 'person', 7);
    const b = new Random(42, 'person', 7);
    const drawsA = Array.from({ length: 5 }, () => a.next());
    const drawsB = Array.from({ length: 5 }, () => b.next());
    expect(drawsA).toEqual(drawsB);
    expect(new Random(43, 'person', 7).next()).not.toBe(drawsA[0]);
  });

  it('keeps draws in range and forks independent streams', () => {
    const r = new Random(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
    expect(new Random(1).fork('x').next()).toBe(new Random(1).fork('x').next());
    expect(new Random(1).fork('x').next()).not.toBe(new Random(1).fork('y').next());
    expect(r.uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
