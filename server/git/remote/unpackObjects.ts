import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { applyDelta } from '../applyDelta.ts';
import { readPackEntryHeader } from '../packEntryHeader.ts';
import type { ObjectStore } from '../ObjectStore.ts';
import type { ObjectType } from '../writeLooseObject.ts';
import { RemoteProtocolError } from './remoteErrors.ts';

const TYPES: Record<number, ObjectType | 'tag'> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };

interface RawEntry {
  offset: number;
  kind: number;
  data: Buffer;
  baseOffset?: number;
  baseOid?: string;
}

// The entries of a version 2 pack: header, the deflated data of each, the trailer checked.
function readEntries(pack: Buffer): RawEntry[] {
  if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK')
    throw new RemoteProtocolError('the answer carries no pack');
  const version = pack.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw new RemoteProtocolError(`pack version ${version}`);
  const trailer = pack.subarray(pack.length - 20);
  const digest = createHash('sha1')
    .update(pack.subarray(0, pack.length - 20))
    .digest();
  if (!digest.equals(trailer)) throw new RemoteProtocolError('the pack is truncated or damaged');
  const count = pack.readUInt32BE(8);
  const entries: RawEntry[] = [];
  let at = 12;
  for (let n = 0; n < count; n++) {
    const offset = at;
    const { kind, baseOffset, baseOid, dataAt } = readPackEntryHeader(pack, at, offset);
    const entry: RawEntry = { offset, kind, data: Buffer.alloc(0), baseOffset, baseOid };
    at = dataAt;
    const { buffer, engine } = inflateSync(pack.subarray(at, pack.length - 20), {
      info: true,
    }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    entry.data = buffer;
    at += engine.bytesWritten;
    entries.push(entry);
  }
  return entries;
}

type Resolved = { type: string; content: Buffer };

const oidOf = (type: string, content: Buffer): string =>
  createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');

/**
 * Unpacks a pack received from a remote into loose objects of `objects` (as `git unpack-objects`
 * does for the small packs of an incremental fetch): every entry inflated with zlib, deltas
 * resolved against the pack's own objects or, for a ref delta, the repository's; written and
 * flushed. Tags are skipped (Folio fetches one branch). Returns how many objects were written.
 */
export async function unpackObjects(objects: ObjectStore, pack: Buffer): Promise<number> {
  const entries = readEntries(pack);
  const atOffset = new Map(entries.map((entry) => [entry.offset, entry]));
  const byOffset = new Map<number, Resolved>();
  const byOid = new Map<string, Resolved>();
  const resolve = async (entry: RawEntry, depth = 0): Promise<Resolved> => {
    const known = byOffset.get(entry.offset);
    if (known) return known;
    if (depth > 10_000) throw new RemoteProtocolError('a delta chain that does not end');
    let resolved: Resolved;
    const type = TYPES[entry.kind];
    if (type) resolved = { type, content: entry.data };
    else {
      let base: Resolved | undefined;
      if (entry.baseOffset !== undefined) {
        const baseEntry = atOffset.get(entry.baseOffset);
        if (!baseEntry) throw new RemoteProtocolError('a delta on a base that is not in the pack');
        base = await resolve(baseEntry, depth + 1);
      } else if (entry.baseOid) {
        // A base in the pack (resolved in an earlier round) or one this repository has.
        base = byOid.get(entry.baseOid) ?? (await objects.readAny(entry.baseOid));
      }
      if (!base) throw new RemoteProtocolError(`unknown pack entry kind ${entry.kind}`);
      resolved = { type: base.type, content: applyDelta(entry.data, base.content) };
    }
    byOffset.set(entry.offset, resolved);
    byOid.set(oidOf(resolved.type, resolved.content), resolved);
    return resolved;
  };
  // Whole objects and offset deltas first; then ref deltas, whose base may be any of them.
  for (const entry of entries) if (entry.kind !== 7) await resolve(entry);
  let refDeltas = entries.filter((entry) => entry.kind === 7);
  while (refDeltas.length) {
    const ready = refDeltas.filter((entry) => byOid.has(entry.baseOid!));
    const next = ready.length ? ready : refDeltas;
    for (const entry of next) await resolve(entry);
    refDeltas = refDeltas.filter((entry) => !byOffset.has(entry.offset));
  }
  // Commits last, each kind flushed before the next: a crash in between leaves trees and blobs
  // nobody points at (git gc's to prune), never a commit without its tree.
  let written = 0;
  for (const commits of [false, true]) {
    for (const { type, content } of byOffset.values()) {
      if (type === 'tag' || (type === 'commit') !== commits) continue;
      await objects.writeRaw(type as ObjectType, content);
      written++;
    }
    await objects.flush();
  }
  return written;
}
