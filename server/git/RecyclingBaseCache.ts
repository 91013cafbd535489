import type { DeltaBaseCache, StoredObject } from './PackReader.ts';

/** Results smaller than this are allocated as usual: their garbage is cheap, slots for them are not. */
const MIN_RECYCLED = 16 * 1024;
/** Bookkeeping counted for an entry beside its bytes. */
const ENTRY_OVERHEAD = 256;
/** Free slots kept for the next results; a chain being applied needs one at a time. */
const MAX_FREE_SLOTS = 2;

interface Entry {
  object: StoredObject;
  /** The memory the object lives in when `allocate` gave it: reused once the entry is evicted. */
  slot: Buffer | null;
  weight: number;
  /** The last step during which the object must stay intact (a read returned it); -1: none. */
  heldUntil: number;
}

/**
 * A delta base cache for one long pass over thousands of versions of the same big trees (the
 * history index build), which makes next to no garbage once warm: the memory of an evicted delta
 * result is reused for the next result of about the same size.
 *
 * Why: each version of a folder of 10,000 posts is a 400 KB tree that the pack stores as a delta
 * on another version. Resolving each into a new buffer made gigabytes of short-lived buffers over
 * a build; V8 frees their memory only when it collects the small objects holding them, and the
 * dead ones piled up to 100-200 MB between full collections (the server's peak memory).
 *
 * Lifetime: an object that a read returned during a step (`result`) keeps its memory through
 * that step and the next one; from the step after, its memory may hold another object. A pass
 * that calls `advance()` once per commit may thus use the trees of one commit while it diffs them
 * against its parent's, and must not keep them longer. The steps of a delta chain are not held:
 * the pack reader applies a chain without awaiting, and `allocate` never reuses the base being
 * applied. Objects `allocate` did not give (whole objects, small ones, loose ones) are dropped
 * when evicted, never reused.
 */
export class RecyclingBaseCache implements DeltaBaseCache {
  /** In least recently used order. */
  private readonly entries = new Map<string, Entry>();
  /** Slots of evicted entries, ready for reuse (a few: the next results take them at once). */
  private readonly free: Buffer[] = [];
  /** Every slot `allocate` made, by its memory, to recognize its results in `set`. */
  private readonly slots = new WeakMap<ArrayBufferLike, Buffer>();
  /** Bytes held by entries. */
  private held = 0;
  private step = 0;
  /** Slots made so far (every other result of `allocate` reused memory). */
  allocated = 0;

  constructor(private readonly budget: number) {}

  /** Starts the next step: results returned before the previous step may be reused from now on. */
  advance(): void {
    this.step++;
  }

  get(key: string, result = false): StoredObject | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (result) entry.heldUntil = this.step + 1;
    return entry.object;
  }

  set(key: string, object: StoredObject, result = false): void {
    const old = this.entries.get(key);
    if (old) {
      // Another read resolved the same object meanwhile, and its caller may be using it: the
      // entry is replaced, its memory left to the garbage collector rather than reused.
      this.entries.delete(key);
      this.held -= old.weight;
    }
    const content = object.content;
    const slot = content.byteOffset === 0 ? (this.slots.get(content.buffer) ?? null) : null;
    const weight = slot ? slot.length : content.length + ENTRY_OVERHEAD;
    this.entries.set(key, { object, slot, weight, heldUntil: result ? this.step + 1 : -1 });
    this.held += weight;
    // Over the budget, the least recently used entries go (their slots to the free list).
    for (const [oldest, entry] of this.entries) {
      if (this.held <= this.budget) break;
      if (!this.inUse(entry, content)) this.evict(oldest, entry);
    }
    // Beyond a few, free slots would only wait: they become garbage, once.
    if (this.free.length > MAX_FREE_SLOTS) this.free.splice(0, this.free.length - MAX_FREE_SLOTS);
  }

  /** Memory for a result of `size` bytes: an evicted slot that fits, or a new one with room to grow. */
  allocate(size: number, applying: Buffer): Buffer {
    if (size < MIN_RECYCLED) return Buffer.allocUnsafe(size);
    // A folder grows by a few entries between versions: a slot a little bigger fits the next ones.
    const capacity = Math.ceil((size + (size >> 4)) / 4096) * 4096;
    let slot = this.takeFree(size);
    // Within the budget a new slot is fine; beyond it, the least recently used entry gives its own.
    for (const [oldest, entry] of this.entries) {
      if (slot || this.held + capacity <= this.budget) break;
      if (this.inUse(entry, applying)) continue;
      this.evict(oldest, entry);
      slot = this.takeFree(size);
    }
    if (!slot) {
      slot = Buffer.allocUnsafeSlow(capacity);
      this.slots.set(slot.buffer, slot);
      this.allocated++;
    }
    return slot.subarray(0, size);
  }

  /** Held for a read's caller, or the base a delta is being applied to. */
  private inUse(entry: Entry, applying: Buffer): boolean {
    return entry.heldUntil >= this.step || entry.object.content === applying;
  }

  private evict(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.held -= entry.weight;
    if (entry.slot) this.free.push(entry.slot);
  }

  /**
   * The smallest free slot of at least `size` bytes, taken off the free list. A bigger slot than
   * needed only weighs more in the budget; a new one would be garbage later.
   */
  private takeFree(size: number): Buffer | null {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const length = this.free[i]!.length;
      if (length >= size && (best === -1 || length < this.free[best]!.length)) best = i;
    }
    return best === -1 ? null : this.free.splice(best, 1)[0]!;
  }
}
