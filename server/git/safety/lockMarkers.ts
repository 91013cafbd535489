import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { currentOwner, mayBeAlive, parseOwner, type ProcessOwner } from './processOwner.ts';

/**
 * Folio's notes beside git's lock files: before Folio creates `<file>.lock` it writes a marker
 * (`<git dir>/folio/locks/<hash of the lock path>.<pid>.json`) naming its process and the time;
 * once the lock exists, the lock file's inode is added. A lock whose marker names a process that no
 * longer runs was left by a crash and can be removed; a lock with no marker was not Folio's.
 */
interface Marker {
  lockPath: string;
  owner: ProcessOwner;
  /** The lock file's inode, once created (null: the crash came between marker and lock). */
  ino: string | null;
  /** When the marker was written (ms since the epoch). */
  at: number;
}

/** How soon after its marker a lock without a recorded inode must have been made to be that marker's. */
const CREATE_WINDOW_MS = 2000;
/** How old an empty Folio-owned lock (LockOptions.ownerInside) must be to count as left by a crash. */
const EMPTY_OWN_LOCK_MS = 2000;

function prefixFor(lockPath: string): string {
  return createHash('sha1').update(lockPath).digest('hex');
}

async function writeMarker(path: string, marker: Marker): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, JSON.stringify(marker));
  await rename(tmp, path);
}

/** Folder in a git directory where Folio notes which of its processes holds each lock it takes. */
export function lockMarkerDir(gitdir: string): string {
  return join(gitdir, 'folio', 'locks');
}

/** Writes the marker of a lock this process is about to create; returns the marker's path. */
export async function writeIntent(markerDir: string, lockPath: string): Promise<string> {
  await mkdir(markerDir, { recursive: true });
  const path = join(markerDir, `${prefixFor(lockPath)}.${process.pid}.json`);
  await writeMarker(path, { lockPath, owner: currentOwner(), ino: null, at: Date.now() });
  return path;
}

/** Adds the created lock file's inode to its marker. */
export async function recordInode(
  markerPath: string,
  lockPath: string,
  ino: bigint,
): Promise<void> {
  await writeMarker(markerPath, {
    lockPath,
    owner: currentOwner(),
    ino: String(ino),
    at: Date.now(),
  });
}

/** Removes a marker (the lock was committed, released, or never taken). */
export async function dropMarker(markerPath: string): Promise<void> {
  await unlink(markerPath).catch(() => undefined);
}

function parseMarker(text: string, lockPath: string): Marker | null {
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const owner = parseOwner(raw.owner);
    if (!owner || raw.lockPath !== lockPath || typeof raw.at !== 'number') return null;
    if (raw.ino !== null && typeof raw.ino !== 'string') return null;
    return { lockPath, owner, ino: raw.ino, at: raw.at };
  } catch {
    return null;
  }
}

/**
 * Removes `<target>.lock` when a marker shows a Folio process that no longer runs made it: the
 * marker records the lock's inode, or (a crash between the two writes) the lock appeared within
 * two seconds of the marker. A lock held by a live process, or without a marker, stays. Markers
 * of dead processes are cleaned up either way. True when a stale lock was removed.
 */
export async function clearStaleLock(target: string, markerDir: string): Promise<boolean> {
  const lockPath = `${target}.lock`;
  const prefix = `${prefixFor(lockPath)}.`;
  const names = (await readdir(markerDir).catch(() => [] as string[])).filter(
    (n) => n.startsWith(prefix) && n.endsWith('.json'),
  );
  if (names.length === 0) return false;
  const lock = await lstat(lockPath, { bigint: true }).catch(() => null);
  let stale = false;
  for (const name of names) {
    const path = join(markerDir, name);
    const marker = parseMarker(await readFile(path, 'utf8').catch(() => ''), lockPath);
    if (marker && mayBeAlive(marker.owner)) {
      if (lock && marker.ino === String(lock.ino)) return false; // a live Folio holds it
      continue;
    }
    await dropMarker(path);
    if (!marker || !lock) continue;
    const born = Number(lock.mtimeMs);
    if (marker.ino === String(lock.ino)) stale = true;
    else if (marker.ino === null && born >= marker.at - 50 && born <= marker.at + CREATE_WINDOW_MS)
      stale = true;
  }
  if (stale) await unlink(lockPath).catch(() => undefined);
  return stale;
}

/** Removes Folio's own `<target>.lock` (owner written inside it) when its owner is gone. */
export async function clearStaleOwnLock(target: string): Promise<boolean> {
  const lockPath = `${target}.lock`;
  const [text, info] = await Promise.all([
    readFile(lockPath, 'utf8').catch(() => null),
    lstat(lockPath).catch(() => null),
  ]);
  if (text === null || !info) return false;
  let owner: ProcessOwner | null;
  try {
    owner = parseOwner((JSON.parse(text) as { owner?: unknown }).owner);
  } catch {
    owner = null;
  }
  const stale = owner ? !mayBeAlive(owner) : Date.now() - info.mtimeMs > EMPTY_OWN_LOCK_MS;
  if (stale) await unlink(lockPath).catch(() => undefined);
  return stale;
}
