/** A small least-recently-used map with a size budget (entries weigh what `weigh` says). */
export class LruCache<K, V> {
  /** Values in order of use, least recent first. */
  private readonly map = new Map<K, V>();
  /** Each key's weight: a second map instead of a wrapper object per entry (10,000s are kept). */
  private readonly weights = new Map<K, number>();
  private total = 0;

  constructor(
    private readonly budget: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  /** The value for `key`, marked as recently used. */
  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (hit === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit;
  }

  /** Stores `value`, evicting the least recently used entries beyond the budget. */
  set(key: K, value: V): void {
    this.forget(key);
    const weight = this.weigh(value);
    // Something bigger than the whole budget would only evict everything else.
    if (weight > this.budget) return;
    this.map.set(key, value);
    this.weights.set(key, weight);
    this.total += weight;
    if (this.total <= this.budget) return;
    for (const oldest of this.map.keys()) {
      if (this.total <= this.budget) break;
      this.forget(oldest);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.map.clear();
    this.weights.clear();
    this.total = 0;
  }

  private forget(key: K): void {
    const weight = this.weights.get(key);
    if (weight === undefined) return;
    this.total -= weight;
    this.map.delete(key);
    this.weights.delete(key);
  }
}
