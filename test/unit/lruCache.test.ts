import { describe, expect, it } from 'vitest';
import { LruCache } from '../../server/git/lruCache.ts';

describe('LruCache', () => {
  it('evicts the least recently used entries beyond its budget', () => {
    const cache = new LruCache<string, string>(10, (v) => v.length);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    expect(cache.get('a')).toBe('aaaa'); // now b is the least recently used
    cache.set('c', 'cccc');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    expect(cache.get('c')).toBe('cccc');
  });

  it('replaces a value with its new weight, and keeps nothing bigger than the budget', () => {
    const cache = new LruCache<string, string>(10, (v) => v.length);
    cache.set('a', 'aaaaaaaa');
    cache.set('a', 'aa');
    cache.set('b', 'bbbbbbbb');
    expect(cache.get('a')).toBe('aa');
    expect(cache.get('b')).toBe('bbbbbbbb');
    cache.set('huge', 'x'.repeat(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBe('aa');
  });

  it('keeps null values apart from misses, and forgets everything on clear', () => {
    const cache = new LruCache<string, string | null>(3);
    cache.set('none', null);
    expect(cache.get('none')).toBeNull();
    expect(cache.get('missing')).toBeUndefined();
    cache.set('x', 'x');
    cache.set('y', 'y');
    cache.set('z', 'z'); // four entries of weight 1 in a budget of 3: "none" goes
    expect(cache.get('none')).toBeUndefined();
    cache.clear();
    expect(cache.get('x')).toBeUndefined();
    cache.set('p', 'p');
    cache.set('q', 'q');
    cache.set('r', 'r');
    expect([cache.get('p'), cache.get('q'), cache.get('r')]).toEqual(['p', 'q', 'r']);
  });
});
