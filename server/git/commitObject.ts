/** Who made a commit and when. */
export interface Signature {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** Minutes east of UTC (git's sign), e.g. -180 for -03:00. */
  offsetMinutes: number;
}

/** What a new commit records. */
export interface CommitFields {
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

/** Makes a signature for "now" in the server's time zone. */
export function signatureNow(person: { name: string; email: string }, now = new Date()): Signature {
  return {
    name: person.name,
    email: person.email,
    timestamp: Math.floor(now.getTime() / 1000),
    offsetMinutes: -now.getTimezoneOffset(),
  };
}

/**
 * Formats "Name <email> 1700000000 -0300". Git refuses `<`, `>` and newlines inside names and
 * emails (fsck calls the commit broken), so they are dropped rather than trusted from a user record.
 */
export function formatSignature(sig: Signature): string {
  const name = cleanIdentity(sig.name) || 'Folio editor';
  const email = cleanIdentity(sig.email);
  const sign = sig.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(sig.offsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${name} <${email}> ${sig.timestamp} ${zone}`;
}

function cleanIdentity(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      .replace(/[<>\u0000-\u001f\u007f]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Normalizes a commit message: no NUL or stray control characters, LF line ends, one final newline. */
export function cleanMessage(message: string): string {
  const text = message
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[ \t]+$/gm, '')
    .trim();
  return `${text || 'Edit with Folio'}\n`;
}

/** Serializes a commit object's content in git's format. */
export function serializeCommit(fields: CommitFields): Buffer {
  const lines = [`tree ${fields.tree}`, ...fields.parents.map((p) => `parent ${p}`)];
  lines.push(
    `author ${formatSignature(fields.author)}`,
    `committer ${formatSignature(fields.committer)}`,
  );
  return Buffer.from(`${lines.join('\n')}\n\n${cleanMessage(fields.message)}`, 'utf8');
}
