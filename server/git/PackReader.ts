import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { inflate, inflateSync } from 'node:zlib';
import { applyDelta } from './applyDelta.ts';
import type { LruCache } from './lruCache.ts';
import { PackIndex } from './packIndex.ts';

const inflateAsync = promisify(inflate);
const TYPES = ['', 'commit', 'tree', 'blob', 'tag'] as const;
// Inflating this much compressed data blocks the event loop noticeably: hand it to the thread pool.
const ASYNC_INFLATE_BYTES = 256 * 1024;

/** An object as stored: its type and content. */
export interface StoredObject {
  type: string;
  content: Buffer;
}

interface EntryHeader {
  kind: number;
  size: number;
  /** The compressed bytes (possibly followed by the start of the next entry). */
  data: Buffer;
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
    private readonly cache: LruCache<string, StoredObject>,
  ) {}

  /** Opens `<pack>.pack` with its `<pack>.idx`. */
  static async open(
    packPath: string,
    idxPath: string,
    cache: LruCache<string, StoredObject>,
  ): Promise<PackReader> {
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
   * Every object of a delta chain is cached as a base for later reads; the object asked for too,
   * unless `keep` is false (a caller that caches it itself).
   */
  async readAt(
    offset: number,
    resolveRef: (oid: string) => Promise<StoredObject>,
    keep = true,
  ): Promise<StoredObject> {
    const chain: { at: number; header: EntryHeader }[] = [];
    let base: StoredObject | undefined;
    for (let at = offset; !base;) {
      base = this.cache.get(this.key(at));
      if (base) break;
      const header = this.header(at);
      if (header.kind >= 1 && header.kind <= 4) {
        base = { type: TYPES[header.kind]!, content: await this.inflateAt(header, at) };
        if (keep || at !== offset) this.cache.set(this.key(at), base);
      } else if (header.kind === 6 && header.baseOffset! >= 12 && header.baseOffset! < at) {
        chain.push({ at, header });
        at = header.baseOffset!;
      } else if (header.kind === 7) {
        chain.push({ at, header });
        base = await resolveRef(header.baseOid!);
      } else {
        throw new Error(`Corrupt pack entry (type ${header.kind}) at ${at} in ${this.id}`);
      }
    }
    // Apply the deltas from the base upwards; every step may be the base of a later read.
    for (let i = chain.length - 1; i >= 0; i--) {
      const { at, header } = chain[i]!;
      base = {
        type: base.type,
        content: applyDelta(await this.inflateAt(header, at), base.content),
      };
      if (keep || i > 0) this.cache.set(this.key(at), base);
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

  // One read per entry: the index tells where the next object starts, which bounds this one.
  private header(offset: number): EntryHeader {
    const end = this.index.nextOffset(offset, this.packEnd);
    const buf = Buffer.allocUnsafe(end - offset);
    this.readInto(buf, offset);
    let i = 0;
    let byte = buf[i++]!;
    const kind = (byte >> 4) & 7;
    let size = byte & 15;
    for (let shift = 4; byte & 0x80; shift += 7) {
      byte = buf[i++]!;
      size += (byte & 0x7f) * 2 ** shift;
    }
    const header: EntryHeader = { kind, size, data: buf };
    if (kind === 6) {
      // ofs_delta: the base's distance back, in git's "offset" varint (each continuation adds one).
      byte = buf[i++]!;
      let distance = byte & 0x7f;
      while (byte & 0x80) {
        byte = buf[i++]!;
        distance = (distance + 1) * 128 + (byte & 0x7f);
      }
      header.baseOffset = offset - distance;
    } else if (kind === 7) {
      header.baseOid = buf.toString('hex', i, i + 20);
      i += 20;
    }
    header.data = buf.subarray(i);
    return header;
  }

  private async inflateAt(header: EntryHeader, offset: number): Promise<Buffer> {
    // zlib stops at the end of the stream, so a bound past it (padding, the next object) is harmless.
    const compressed = header.data;
    const content =
      compressed.length > ASYNC_INFLATE_BYTES
        ? await inflateAsync(compressed)
        : inflateSync(compressed);
    if (content.length !== header.size)
      throw new Error(`Corrupt pack entry at ${offset} in ${this.id}`);
    return content;
  }
}
