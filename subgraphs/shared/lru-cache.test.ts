import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry past the entry bound', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.has('b')).toBe(false);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('evicts past the weight bound and refuses an entry heavier than the budget', () => {
    const cache = new LruCache<string, string>(100, 10);
    cache.set('a', 'x', 6);
    cache.set('b', 'y', 4);
    expect(cache.weight).toBe(10);
    cache.set('c', 'z', 3);
    expect(cache.has('a')).toBe(false);
    expect(cache.weight).toBe(7);
    cache.set('huge', 'w', 11);
    expect(cache.has('huge')).toBe(false);
    expect(cache.weight).toBe(7);
  });

  it('replaces an entry without counting its weight twice', () => {
    const cache = new LruCache<string, number>(10, 100);
    cache.set('a', 1, 50);
    cache.set('a', 2, 30);
    expect(cache.get('a')).toBe(2);
    expect(cache.weight).toBe(30);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.weight).toBe(0);
  });
});
