/** A small least-recently-used map with a size budget (entries weigh what `weigh` says). */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly budget: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  /** The value for `key`, marked as recently used. */
  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  /** Stores `value`, evicting the least recently used entries beyond the budget. */
  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old) {
      this.total -= old.weight;
      this.map.delete(key);
    }
    const weight = this.weigh(value);
    // Something bigger than the whole budget would only evict everything else.
    if (weight > this.budget) return;
    this.map.set(key, { value, weight });
    this.total += weight;
    if (this.total <= this.budget) return;
    for (const [oldest, entry] of this.map) {
      if (this.total <= this.budget) break;
      this.map.delete(oldest);
      this.total -= entry.weight;
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
