/**
 * Rules for repository paths that Folio reads or writes. A path that breaks one of them could
 * escape the repository, poison `.git`, or fail to check out on Windows or macOS, so it is never
 * accepted from a client and never written.
 */

/** Why a path was refused. */
export class PathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Invalid path "${printable(path)}": ${reason}.`);
    this.name = 'PathError';
  }
}

const MAX_PATH_BYTES = 4096;
const MAX_SEGMENT_BYTES = 255;
// C0 and C1 control characters and DEL: invisible in listings and meaningless in names.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Characters Windows does not allow in file names (the backslash is also a separator there).
const WINDOWS_INVALID = /[<>:"|?*\\]/;
// Device names Windows reserves in every folder, with or without an extension (con.md, NUL.txt).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// Code points HFS+ ignores when comparing names, so ".g\u200cit" is ".git" on a Mac.
const HFS_IGNORABLE = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/**
 * Checks a repository-relative path (segments joined by `/`) and returns it in NFC; throws PathError
 * for `..`, `.git` in any case or disguise, backslashes, control characters, Windows-reserved names.
 */
export function checkRepoPath(path: string): string {
  if (typeof path !== 'string' || path.length === 0)
    throw new PathError(String(path), 'empty path');
  if (isPlainSafePath(path)) return path;
  const nfc = path.normalize('NFC');
  if (Buffer.byteLength(nfc) > MAX_PATH_BYTES) throw new PathError(path, 'too long');
  if (nfc.includes('\\')) throw new PathError(path, 'backslashes are not allowed');
  if (CONTROL.test(nfc)) throw new PathError(path, 'control characters are not allowed');
  if (nfc.startsWith('/')) throw new PathError(path, 'must be relative to the repository root');
  for (const segment of nfc.split('/')) checkSegment(path, segment);
  return nfc;
}

/** True when `path` passes checkRepoPath unchanged (already NFC). */
export function isSafeRepoPath(path: string): boolean {
  try {
    return checkRepoPath(path) === path;
  } catch {
    return false;
  }
}

// Most paths of a site: ASCII letters, digits, `-`, `_` and inner dots, which pass every rule
// below as they are (already NFC, nothing Windows or HFS+ reads otherwise) unless a segment is a
// device name. Checking them with one regex keeps listing 10,000 posts cheap.
const PLAIN_SEGMENT = '[A-Za-z0-9_-](?:[A-Za-z0-9._-]{0,253}[A-Za-z0-9_-])?';
const PLAIN_PATH = new RegExp(`^${PLAIN_SEGMENT}(?:/${PLAIN_SEGMENT})*$`);
const PLAIN_DEVICE_NAME = /(?:^|\/)(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:[./]|$)/i;

function isPlainSafePath(path: string): boolean {
  return path.length <= MAX_PATH_BYTES && PLAIN_PATH.test(path) && !PLAIN_DEVICE_NAME.test(path);
}

function checkSegment(path: string, segment: string): void {
  if (segment === '') throw new PathError(path, 'empty folder name (double or trailing slash)');
  if (segment === '.' || segment === '..') throw new PathError(path, `"${segment}" is not allowed`);
  if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)
    throw new PathError(path, 'a name is longer than 255 bytes');
  if (WINDOWS_INVALID.test(segment))
    throw new PathError(path, 'names may not contain < > : " | ? * or \\');
  if (/[. ]$/.test(segment)) throw new PathError(path, 'names may not end with a dot or a space');
  if (/^ /.test(segment)) throw new PathError(path, 'names may not start with a space');
  if (isDotGit(segment)) throw new PathError(path, '".git" is reserved');
  const stem = segment.split('.')[0]!.trimEnd();
  if (WINDOWS_RESERVED.test(stem))
    throw new PathError(path, `"${segment}" is a reserved device name on Windows`);
}

function isDotGit(segment: string): boolean {
  const folded = segment.replace(HFS_IGNORABLE, '').toLowerCase();
  // NTFS also resolves the 8.3 short name GIT~1 to .git.
  return folded === '.git' || folded === 'git~1';
}

function printable(path: string): string {
  const escape = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return path.replace(/[\u0000-\u001f\u007f-\u009f]/g, escape);
}

/** Joins path segments with `/`, skipping empty ones ("" and "." mean the repository root). */
export function joinRepoPath(...parts: string[]): string {
  return parts.filter((p) => p !== '' && p !== '.').join('/');
}

/** The folder part of a repository path ("" at the root). */
export function repoDirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** The last segment of a repository path. */
export function repoBasename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when `path` is `dir` itself or inside it ("" contains everything). */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(dir + '/');
}
