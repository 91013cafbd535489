/** One pkt-line of git's wire protocol: four hex digits of length, then the payload. */
export function pktLine(payload: string | Buffer): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (data.length > 65516) throw new Error('A pkt-line carries at most 65516 bytes');
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, '0')), data]);
}

/** The flush packet (`0000`) that ends a list of pkt-lines. */
export const FLUSH_PKT = Buffer.from('0000');

/** A parsed pkt-line: its payload, or null for a flush (or delimiter) packet. */
export type Pkt = Buffer | null;

/**
 * Splits `buf` into pkt-lines from `at`; throws on a length that is not four hex digits or runs
 * past the end (a truncated or non-git answer).
 */
export function parsePktLines(buf: Buffer, at = 0): Pkt[] {
  const lines: Pkt[] = [];
  while (at < buf.length) {
    const head = buf.subarray(at, at + 4).toString('latin1');
    if (!/^[0-9a-f]{4}$/i.test(head))
      throw new Error(`bad pkt-line length ${JSON.stringify(head)}`);
    const length = parseInt(head, 16);
    if (length < 4) {
      lines.push(null);
      at += 4;
      continue;
    }
    if (at + length > buf.length) throw new Error('pkt-line runs past the end of the answer');
    lines.push(buf.subarray(at + 4, at + length));
    at += length;
  }
  return lines;
}

/** A pkt-line's payload as text without its trailing newline. */
export function pktText(line: Buffer): string {
  const text = line.toString('utf8');
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
