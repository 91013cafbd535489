import { createHash } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../server/git/ObjectStore.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';

/** A blob as a pack entry: its id and its compressed stream. */
interface PackedBlob {
  content: Buffer;
  stream: Buffer;
}

// A zlib stream of `content` as another encoder may write it: `padding` empty stored blocks first,
// so that the stream is far longer than zlib's own deflate would make it.
function paddedStream(content: Buffer, padding: number): Buffer {
  const parts: Buffer[] = [Buffer.from([0x78, 0x01])];
  for (let i = 0; i < padding; i++) parts.push(Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
  const lengths = Buffer.alloc(4);
  lengths.writeUInt16LE(content.length, 0);
  lengths.writeUInt16LE(~content.length & 0xffff, 2);
  parts.push(Buffer.from([0x01]), lengths, content);
  let a = 1;
  let b = 0;
  for (const byte of content) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

// A version 2 pack of whole (undeltified) blobs.
function packOf(blobs: PackedBlob[]): Buffer {
  const head = Buffer.alloc(12);
  head.write('PACK', 0, 'latin1');
  head.writeUInt32BE(2, 4);
  head.writeUInt32BE(blobs.length, 8);
  const parts: Buffer[] = [head];
  for (const { content, stream } of blobs) {
    // Type 3 (blob) and the size, in the pack's varint: 4 bits first, then 7 per byte.
    const header = [0x30 | (content.length & 15)];
    for (let rest = content.length >>> 4; rest > 0; rest >>>= 7) {
      header[header.length - 1]! |= 0x80;
      header.push(rest & 0x7f);
    }
    parts.push(Buffer.from(header), stream);
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

describe('reading pack entries', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;

  beforeAll(() => {
    repo = makeFixtureRepo({ 'seed.txt': 'seed\n' });
  });
  afterAll(() => repo.cleanup());

  it('reads entries longer than the first read or than zlib would make them, as git cat-file does', async () => {
    // Not compressible: its stream is bigger than the reader's first read of an entry.
    let state = 7;
    const noise = Buffer.from(
      Array.from({ length: 20_000 }, () => {
        state = (state * 1103515245 + 12345) >>> 0;
        return 32 + ((state >>> 16) % 95);
      }),
    );
    const padded = Buffer.from('padded by another encoder\n');
    const blobs: PackedBlob[] = [
      { content: padded, stream: paddedStream(padded, 1500) },
      { content: noise, stream: deflateSync(noise) },
      { content: Buffer.from('small\n'), stream: deflateSync('small\n') },
      { content: Buffer.from('last\n'), stream: paddedStream(Buffer.from('last\n'), 3) },
    ];
    const packDir = join(repo.dir, '.git', 'objects', 'pack');
    const pack = join(packDir, 'pack-handmade.pack');
    writeFileSync(pack, packOf(blobs));
    gitCli(repo.dir, ['index-pack', pack]);
    expect(readdirSync(packDir)).toContain('pack-handmade.idx');
    expect(gitCli(repo.dir, ['fsck', '--strict', '--no-dangling'])).toBe('');

    const store = new ObjectStore(join(repo.dir, '.git'));
    for (const { content } of blobs) {
      const oid = createHash('sha1')
        .update(`blob ${content.length}\0`)
        .update(content)
        .digest('hex');
      expect(gitCli(repo.dir, ['cat-file', '-t', oid])).toBe('blob');
      const object = await store.readAny(oid);
      expect(object.type).toBe('blob');
      expect(object.content.equals(content)).toBe(true);
    }
    rmSync(pack);
  });
});
