/**
 * Applies a git delta (the body of an ofs_delta or ref_delta pack entry) to its base object.
 * Format: source size and target size as little-endian base-128 varints, then instructions:
 * 1xxxxxxx copies a range of the base (offset and size bytes present per bit), 0xxxxxxx inserts
 * that many literal bytes. Throws on a delta that does not fit its base.
 *
 * `allocate` gives the memory for the result (exactly `size` bytes, every one of them written
 * here): a reader that resolves thousands of versions of one big tree passes recycled buffers.
 */
export function applyDelta(
  delta: Buffer,
  base: Buffer,
  allocate: (size: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
  let at = 0;
  const readSize = (): number => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = delta[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const sourceSize = readSize();
  const targetSize = readSize();
  if (sourceSize !== base.length)
    throw new Error(`Delta expects a base of ${sourceSize} bytes, got ${base.length}`);
  const out = allocate(targetSize);
  if (out.length !== targetSize) throw new Error('Delta target memory of the wrong size');
  let written = 0;
  while (at < delta.length) {
    const op = delta[at++]!;
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      for (let bit = 0; bit < 4; bit++)
        if (op & (1 << bit)) offset += delta[at++]! * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++)
        if (op & (0x10 << bit)) size += delta[at++]! * 2 ** (8 * bit);
      if (size === 0) size = 0x10000;
      if (offset + size > base.length || written + size > targetSize)
        throw new Error('Delta copies outside its base');
      written += base.copy(out, written, offset, offset + size);
    } else if (op !== 0) {
      if (at + op > delta.length || written + op > targetSize)
        throw new Error('Delta inserts past its end');
      written += delta.copy(out, written, at, at + op);
      at += op;
    } else {
      throw new Error('Delta has a reserved zero instruction');
    }
  }
  if (written !== targetSize) throw new Error('Delta produced the wrong size');
  return out;
}
