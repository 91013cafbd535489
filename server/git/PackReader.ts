import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { constants, inflate, inflateSync } from 'node:zlib';
import { applyDelta } from './applyDelta.ts';
import { PackIndex } from './packIndex.ts';
import { readPackEntryHeader } from './packEntryHeader.ts';

const inflateAsync = promisify(inflate);
const TYPES = ['', 'commit', 'tree', 'blob', 'tag'] as const;
// Inflating this much compressed data blocks the event loop noticeably: hand it to the thread pool.
const ASYNC_INFLATE_BYTES = 256 * 1024;
/** The largest output chunk asked of zlib (bigger objects are inflated in several). */
const MAX_CHUNK = 64 * 1024 * 1024;
// What a read of an entry takes first: its header and the data of a small object (a commit, a
// post, most trees and deltas).
const FIRST_READ = 4096;

/** An object as stored: its type and content. */
export interface StoredObject {
  type: string;
  content: Buffer;
}

/**
 * Where a pack read finds resolved objects of delta chains and leaves the ones it resolves, keyed
 * by pack and offset: what `git` calls the delta base cache. The store's shared one is an
 * `LruCache`; a long pass over many versions of the same trees brings one that reuses memory.
 * `result` marks the object a read returns (rather than a step of its chain): a cache that reuses
 * memory must keep that one intact while the caller uses it.
 */
export interface DeltaBaseCache {
  get(key: string, result?: boolean): StoredObject | undefined;
  set(key: string, object: StoredObject, result?: boolean): void;
  /**
   * Memory for a delta's result of `size` bytes (a new buffer when absent), never that of
   * `applying`, the base the delta is applied to.
   */
  allocate?(size: number, applying: Buffer): Buffer;
}

/** A cache that keeps nothing: the last resort of a read whose cached base kept being evicted. */
const NO_BASES: DeltaBaseCache = { get: () => undefined, set: () => undefined };
/** Restarts of a read whose cached base was evicted while it inflated its deltas. */
const MAX_RESTARTS = 4;

interface EntryHeader {
  kind: number;
  size: number;
  /** Where the entry starts in the pack, and where its compressed bytes start after its header. */
  offset: number;
  dataAt: number;
  /** The compressed bytes read (possibly followed by the start of the next entry). */
  data: Buffer;
  /** Whether `data` certainly holds the whole entry (read up to the next one, or to the pack's end). */
  complete: boolean;
  /** ofs_delta: offset of the base in this pack. */
  baseOffset?: number;
  /** ref_delta: id of the base, anywhere in the repository. */
  baseOid?: string;
}

/**
 * Reads objects from one pack file. Only the bytes of the object asked for are read (the pack is
 * never loaded whole), inflated with Node's native zlib, and delta chains are resolved from the
 * shared, size-bounded cache of recently resolved objects: what `git` calls the delta base cache.
 * Reads are synchronous positional reads: they hit the page cache and take microseconds, where a
 * trip through the thread pool would cost more than the read (a cold index build makes ~20k).
 */
export class PackReader {
  private constructor(
    readonly id: string,
    private readonly index: PackIndex,
    private fd: number,
    private readonly packEnd: number,
    private readonly cache: DeltaBaseCache,
  ) {}

  /** Where an entry's first bytes are read and its header parsed (no await in between). */
  private readonly scratch = Buffer.allocUnsafeSlow(FIRST_READ);

  /** Opens `<pack>.pack` with its `<pack>.idx`. */
  static async open(packPath: string, idxPath: string, cache: DeltaBaseCache): Promise<PackReader> {
    const index = await PackIndex.open(idxPath);
    const fd = openSync(packPath, 'r');
    try {
      const { size } = fstatSync(fd);
      const head = Buffer.alloc(12);
      readSync(fd, head, 0, 12, 0);
      if (head.toString('latin1', 0, 4) !== 'PACK' || ![2, 3].includes(head.readUInt32BE(4)))
        throw new Error(`${packPath} is not a git pack`);
      return new PackReader(packPath, index, fd, size - 20, cache);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  /** The offset of `oid` (raw bytes) in this pack, or -1. */
  find(oid: Buffer): number {
    return this.index.find(oid);
  }

  /**
   * Reads the object at `offset`; `resolveRef` finds ref-delta bases elsewhere in the repository.
   * Every object of a delta chain, and the object asked for, is left in `bases` (by default the
   * shared delta base cache) for later reads.
   */
  async readAt(
    offset: number,
    resolveRef: (oid: string) => Promise<StoredObject>,
    bases: DeltaBaseCache = this.cache,
  ): Promise<StoredObject> {
    for (let attempt = 0; attempt < MAX_RESTARTS; attempt++) {
      const found = await this.resolve(offset, resolveRef, bases);
      if (found) return found;
    }
    return (await this.resolve(offset, resolveRef, NO_BASES))!;
  }

  /**
   * Walks the chain down to a base (cached, whole, or elsewhere), inflates its deltas, then
   * applies them without awaiting anything: no other read can run meanwhile, so none can reuse
   * the memory of the objects being applied (see `DeltaBaseCache.allocate`). Null when the cached
   * base was evicted while the deltas were inflated: the caller starts again.
   */
  private async resolve(
    offset: number,
    resolveRef: (oid: string) => Promise<StoredObject>,
    bases: DeltaBaseCache,
  ): Promise<StoredObject | null> {
    const chain: EntryHeader[] = [];
    let base: StoredObject | undefined;
    let cachedAt = -1;
    for (let at = offset; !base;) {
      base = bases.get(this.key(at), at === offset);
      if (base) {
        cachedAt = at;
        break;
      }
      const header = this.header(at);
      if (header.kind >= 1 && header.kind <= 4) {
        base = { type: TYPES[header.kind]!, content: await this.inflateAt(header) };
        bases.set(this.key(at), base, at === offset);
      } else if (header.kind === 6 && header.baseOffset! >= 12 && header.baseOffset! < at) {
        chain.push(header);
        at = header.baseOffset!;
      } else if (header.kind === 7) {
        chain.push(header);
        base = await resolveRef(header.baseOid!);
      } else {
        throw new Error(`Corrupt pack entry (type ${header.kind}) at ${at} in ${this.id}`);
      }
    }
    if (!chain.length) return base;
    const deltas: Buffer[] = [];
    for (const header of chain) deltas.push(await this.inflateAt(header));
    // From here on, nothing awaits. A cached base is looked up again: while the deltas were
    // inflated, another read may have evicted it (and reused its memory).
    if (cachedAt !== -1) base = bases.get(this.key(cachedAt));
    if (!base) return null;
    // Apply the deltas from the base upwards; every step may be the base of a later read.
    for (let i = chain.length - 1; i >= 0; i--) {
      const applying: Buffer = base.content;
      const allocate = bases.allocate && ((size: number) => bases.allocate!(size, applying));
      base = { type: base.type, content: applyDelta(deltas[i]!, applying, allocate) };
      bases.set(this.key(chain[i]!.offset), base, i === 0);
    }
    return base;
  }

  /** Closes the pack file; later reads fail with EBADF. */
  close(): void {
    if (this.fd === -1) return;
    closeSync(this.fd);
    this.fd = -1;
  }

  private readInto(buf: Buffer, position: number): void {
    if (this.fd === -1) throw Object.assign(new Error(`${this.id} is closed`), { code: 'EBADF' });
    readSync(this.fd, buf, 0, buf.length, position);
  }

  private key(offset: number): string {
    return `${this.id}:${offset}`;
  }

  // One read for a small entry (a commit, a post, a delta): its header and as many bytes as zlib's
  // bound for its size, within the first read. Sorting the pack's offsets to find where the next
  // entry starts would cost more than the few objects a start reads (20 ms for 75,000 objects).
  private header(offset: number): EntryHeader {
    const left = this.packEnd - offset;
    const first = this.scratch.subarray(0, Math.min(FIRST_READ, left));
    this.readInto(first, offset);
    const parsed = readPackEntryHeader(first, 0, offset);
    const { kind, size } = parsed;
    const i = parsed.dataAt;
    const header: EntryHeader = {
      kind,
      size,
      data: first,
      offset,
      dataAt: i,
      complete: first.length === left,
    };
    if (parsed.baseOffset !== undefined) header.baseOffset = parsed.baseOffset;
    if (parsed.baseOid !== undefined) header.baseOid = parsed.baseOid;
    const bound = i + deflateBound(size);
    if (bound <= first.length || header.complete) {
      // Copied out at its bound: the scratch buffer is reused, and a 4 KB buffer from Node's pool
      // would keep alive the small cached objects that share its 8 KB slab (100 MB at the peak of
      // a history build, when every read took a fresh one).
      const end = Math.min(bound, first.length);
      header.data = Buffer.from(first.subarray(i, end));
      header.complete &&= end === first.length;
    } else {
      // A bigger object (a folder's tree): exactly up to the next entry, from the pack's offsets,
      // sorted once, rather than its size's bound (400 KB for a tree of 100 KB of stream).
      header.data = this.wholeData(header);
      header.complete = true;
    }
    return header;
  }

  // An entry's compressed bytes read exactly up to where the next entry starts (the pack index's
  // offsets, sorted on first use).
  private wholeData(header: EntryHeader): Buffer {
    const whole = Buffer.allocUnsafe(
      this.index.nextOffset(header.offset, this.packEnd) - header.offset,
    );
    this.readInto(whole, header.offset);
    return whole.subarray(header.dataAt);
  }

  private async inflateAt(header: EntryHeader): Promise<Buffer> {
    let content = await inflateEntry(header.data, header.size);
    // Cut short at the bound, where the stream goes on (padding blocks, another encoder): read the
    // whole entry, up to where the next one starts.
    if (content.length < header.size && !header.complete)
      content = await inflateEntry(this.wholeData(header), header.size);
    if (content.length !== header.size)
      throw new Error(`Corrupt pack entry at ${header.offset} in ${this.id}`);
    return content;
  }
}

/**
 * Inflates an entry's stream of `size` bytes. zlib stops at the end of the stream, so the bytes
 * past it (the next entry) are harmless; a stream cut short gives what it has instead of failing.
 */
function inflateEntry(compressed: Buffer, size: number): Promise<Buffer> | Buffer {
  // One output chunk of the whole size (one byte more, or zlib allocates a spare chunk): with
  // the default 16 KB chunks, a 400 KB tree was inflated into 25 chunks and then copied into
  // one more buffer. Capped, so that a corrupt size cannot make a huge allocation.
  const options = {
    chunkSize: Math.min(Math.max(64, size + 1), MAX_CHUNK),
    finishFlush: constants.Z_SYNC_FLUSH,
  };
  return compressed.length > ASYNC_INFLATE_BYTES
    ? inflateAsync(compressed, options)
    : inflateSync(compressed, options);
}

/** The most bytes zlib's deflate makes of `size` bytes, with its header and checksum (deflateBound). */
function deflateBound(size: number): number {
  return size + (size >>> 12) + (size >>> 14) + (size >>> 25) + 13;
}
