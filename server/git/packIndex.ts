import { readFile } from 'node:fs/promises';

/**
 * A pack index (`.idx`, version 2): the sorted object ids of one pack and their offsets, searched
 * in place (fan-out table, then binary search) without building a map of every object.
 */
export class PackIndex {
  private readonly count: number;
  private readonly oidsAt: number;
  private readonly offsetsAt: number;
  private readonly largeAt: number;
  private sortedOffsets: Float64Array | null = null;

  private constructor(private readonly buf: Buffer) {
    this.count = buf.readUInt32BE(8 + 255 * 4);
    this.oidsAt = 8 + 256 * 4;
    this.offsetsAt = this.oidsAt + this.count * 24; // 20-byte ids, then 4-byte CRCs
    this.largeAt = this.offsetsAt + this.count * 4;
  }

  /** Reads an index file; throws for version 1 indexes (written by git before 2008) or garbage. */
  static async open(path: string): Promise<PackIndex> {
    const buf = await readFile(path);
    if (
      buf.length < 8 + 256 * 4 ||
      buf.readUInt32BE(0) !== 0xff744f63 ||
      buf.readUInt32BE(4) !== 2
    ) {
      throw new Error(`${path} is not a version 2 pack index`);
    }
    return new PackIndex(buf);
  }

  /** Number of objects in the pack. */
  get size(): number {
    return this.count;
  }

  /** The pack offset of `oid` (20 raw bytes), or -1. */
  find(oid: Buffer): number {
    const first = oid[0]!;
    let lo = first === 0 ? 0 : this.buf.readUInt32BE(8 + (first - 1) * 4);
    let hi = this.buf.readUInt32BE(8 + first * 4);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.oidsAt + mid * 20;
      const order = this.buf.compare(oid, 0, 20, at, at + 20);
      if (order === 0) return this.offsetOf(mid);
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Where the object after the one at `offset` starts (or `packEnd`), bounding its compressed bytes. */
  nextOffset(offset: number, packEnd: number): number {
    const sorted = (this.sortedOffsets ??= this.buildSortedOffsets());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length ? sorted[lo]! : packEnd;
  }

  private offsetOf(position: number): number {
    const small = this.buf.readUInt32BE(this.offsetsAt + position * 4);
    if (!(small & 0x80000000)) return small;
    // Packs over 2 GiB keep big offsets in a separate 64-bit table.
    const large = this.largeAt + (small & 0x7fffffff) * 8;
    return this.buf.readUInt32BE(large) * 2 ** 32 + this.buf.readUInt32BE(large + 4);
  }

  private buildSortedOffsets(): Float64Array {
    const offsets = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) offsets[i] = this.offsetOf(i);
    return offsets.sort();
  }
}
