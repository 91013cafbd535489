import type { Signature } from './commitObject.ts';

/** A commit as Folio reads it. */
export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

/** Parses commit object content; lenient about odd signatures, as `git log` is. */
export function parseCommit(oid: string, content: Uint8Array): CommitInfo {
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
  const split = text.indexOf('\n\n');
  const head = split === -1 ? text : text.slice(0, split);
  const message = split === -1 ? '' : text.slice(split + 2);
  let tree = '';
  const parents: string[] = [];
  let author: Signature | null = null;
  let committer: Signature | null = null;
  for (const line of head.split('\n')) {
    // Continuation lines (a space first) belong to multi-line headers such as gpgsig.
    if (line.startsWith(' ')) continue;
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'tree') tree = value;
    else if (key === 'parent') parents.push(value);
    else if (key === 'author') author = parseSignature(value);
    else if (key === 'committer') committer = parseSignature(value);
  }
  if (!/^[0-9a-f]{40}$/.test(tree)) throw new Error(`Commit ${oid} has no tree`);
  const fallback = author ?? committer ?? { name: '', email: '', timestamp: 0, offsetMinutes: 0 };
  return {
    oid,
    tree,
    parents,
    author: author ?? fallback,
    committer: committer ?? fallback,
    message,
  };
}

/** Parses "Name <email> 1700000000 -0300". */
export function parseSignature(value: string): Signature {
  const match = /^(.*?)\s*<([^>]*)>\s*(\d+)?\s*([+-]\d{4})?/.exec(value);
  if (!match) return { name: value.trim(), email: '', timestamp: 0, offsetMinutes: 0 };
  const zone = match[4] ?? '+0000';
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
  return {
    name: match[1]!,
    email: match[2]!,
    timestamp: Number(match[3] ?? 0),
    offsetMinutes: zone.startsWith('-') ? -minutes : minutes,
  };
}

/** ISO 8601 with the author's own offset, e.g. 2025-04-18T10:00:00-06:00. */
export function signatureDate(sig: Signature): string {
  const local = new Date((sig.timestamp + sig.offsetMinutes * 60) * 1000)
    .toISOString()
    .slice(0, 19);
  const sign = sig.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(sig.offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
