/** The header of one pack entry: its kind, its inflated size, its delta base, where its data starts. */
export interface PackEntryHeader {
  /** 1 commit, 2 tree, 3 blob, 4 tag, 6 ofs_delta, 7 ref_delta. */
  kind: number;
  size: number;
  /** ofs_delta: the base's offset in the pack. */
  baseOffset?: number;
  /** ref_delta: the base's object id. */
  baseOid?: string;
  /** Index in `buf` where the entry's deflated data starts. */
  dataAt: number;
}

/**
 * Reads the entry header at `buf[at]`, the entry being at `offset` in its pack: type and size
 * (seven bits at a time after the first four), then an ofs_delta's distance back or a ref_delta's
 * base id. Shared by the pack reader and the unpacking of a fetched pack.
 */
export function readPackEntryHeader(buf: Buffer, at: number, offset: number): PackEntryHeader {
  let i = at;
  let byte = buf[i++]!;
  const kind = (byte >> 4) & 7;
  let size = byte & 15;
  for (let shift = 4; byte & 0x80; shift += 7) {
    byte = buf[i++]!;
    size += (byte & 0x7f) * 2 ** shift;
  }
  const header: PackEntryHeader = { kind, size, dataAt: 0 };
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
  header.dataAt = i;
  return header;
}
