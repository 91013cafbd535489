import { readFile, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CheckoutConversion } from '../attributes/checkoutConversion.ts';
import type { ObjectStore } from '../ObjectStore.ts';
import { stampOf } from '../fileStat.ts';
import type { LockOptions } from '../lockFile.ts';
import { readRef } from '../refs.ts';
import { hashObject } from '../writeLooseObject.ts';
import { type IndexCache, WorkingTreeSession } from '../workingTree.ts';
import { swapFile, swapPaths } from './fileSwap.ts';
import { inPinnedFolder } from './pinnedFolder.ts';
import { parentsStillInside, UnsafePathError } from './safePath.ts';
import { isCurrentOwner, mayBeAlive } from './processOwner.ts';
import {
  type JournalFile,
  type JournalRecord,
  readJournals,
  removeJournal,
} from './writeJournal.ts';

/** What recovery needs to know about the repository. */
export interface RecoveryTarget {
  dir: string;
  gitdir: string;
  commonDir: string;
  objects: ObjectStore;
  indexCache: IndexCache;
  /** Lock options for the index (marker folder, shown name). */
  indexLock: LockOptions;
  /** Journals of writes under way in this process, which are not to be touched. */
  inFlight: ReadonlySet<string>;
  /** How blobs become working-tree files. */
  checkout: CheckoutConversion | null;
}

/** How far back from the branch a journaled commit is looked for (then taken as not landed). */
const ANCESTOR_WALK_LIMIT = 5000;

async function isAncestor(objects: ObjectStore, ancestor: string, tip: string): Promise<boolean> {
  const queue = [tip];
  const seen = new Set<string>();
  while (queue.length && seen.size < ANCESTOR_WALK_LIMIT) {
    const oid = queue.shift()!;
    if (oid === ancestor) return true;
    if (seen.has(oid)) continue;
    seen.add(oid);
    const commit = await objects.readCommit(oid).catch(() => null);
    if (commit) queue.push(...commit.parents);
  }
  return false;
}

async function blobOidOfFile(file: string): Promise<string | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return hashObject('blob', await readFile(file));
}

// Folders a created file needed, now empty again (git has no empty folders).
async function removeEmptyFolders(root: string, folder: string): Promise<void> {
  for (let current = folder; current.length > root.length && current.startsWith(root);) {
    if (
      !(await rmdir(current).then(
        () => true,
        () => false,
      ))
    )
      return;
    current = dirname(current);
  }
}

async function fileEquals(path: string, content: Buffer): Promise<boolean> {
  return (await readFile(path).catch(() => null))?.equals(content) ?? false;
}

async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

/**
 * Finishes or undoes writes that a crashed Folio left half done, from their journals (see
 * `writeJournal.ts`): when the branch reached the journaled commit, the working tree and the git
 * index are brought to it (files still at the old version are written, index entries still naming
 * the old blob are updated); when it did not, the files moved aside are put back. Files someone
 * else changed since are left as they are. Journals of live processes are not touched. Returns how
 * many journals were replayed.
 */
export async function recoverWrites(target: RecoveryTarget): Promise<number> {
  const { records } = await readJournals(target.gitdir);
  let replayed = 0;
  for (const record of records) {
    if (target.inFlight.has(record.id)) continue;
    if (!isCurrentOwner(record.owner) && mayBeAlive(record.owner)) continue;
    // A put-back blocked by a folder swapped for a symlink keeps its journal for the next try.
    if (await replay(target, record)) await removeJournal(target.gitdir, record.id);
    replayed++;
  }
  return replayed;
}

// A folder on the way is not a real folder right now (swapped for a symlink, moved away).
const isBlockedPath = (err: unknown): boolean =>
  err instanceof UnsafePathError ||
  ['ENOENT', 'ENOTDIR', 'ELOOP'].includes((err as NodeJS.ErrnoException).code ?? '');

/** Replays one journal; false when a file could not be put back yet (the journal stays). */
async function replay(target: RecoveryTarget, record: JournalRecord): Promise<boolean> {
  let complete = true;
  const unlessBlocked = (err: unknown): void => {
    if (!isBlockedPath(err)) throw err;
    complete = false;
  };
  const tip = await readRef(target.commonDir, record.branch);
  const landed =
    tip === record.to ||
    (tip !== null && tip !== record.from && (await isAncestor(target.objects, record.to, tip)));
  const session = await WorkingTreeSession.open(
    target.dir,
    target.gitdir,
    target.objects,
    target.indexCache,
    target.indexLock,
    target.checkout,
  );
  try {
    await session.lockIndex([]);
    for (const [n, file] of record.files.entries()) {
      const names = { tmpDir: join(target.gitdir, 'folio', 'tmp'), stem: `${record.id}-${n}` };
      const path = join(target.dir, file.path);
      for (const local of [false, true]) {
        const { fresh, aside } = swapPaths(names, path, local);
        await removeIfPresent(fresh);
        if (landed) await removeIfPresent(aside);
        else await restoreAside(target.dir, aside, file).catch(unlessBlocked);
      }
      if (!landed && !file.before && file.after) {
        const after = file.after.oid;
        await inPinnedFolder(target.dir, file.path, false, async (inside) => {
          if ((await blobOidOfFile(inside)) === after) await removeIfPresent(inside);
        }).catch((err: unknown) => {
          // No folder at all: nothing of Folio's is left there.
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') unlessBlocked(err);
        });
        if (await parentsStillInside(target.dir, file.path))
          await removeEmptyFolders(target.dir, dirname(path));
      }
      if (landed) await catchUp(target, session, file, names);
    }
    await session.commitIndex([]);
    return complete;
  } finally {
    await session.release();
  }
}

// The branch did not move: the file moved aside goes back, unless someone wrote a new one there.
async function restoreAside(root: string, aside: string, file: JournalFile): Promise<void> {
  if (!(await stat(aside).catch(() => null))) return;
  // Inside the pinned folder: never through a folder someone swapped for a symlink.
  await inPinnedFolder(root, file.path, false, async (path) => {
    const current = await blobOidOfFile(path);
    const present = await stampOf(path);
    if (!present || (file.after && current === file.after.oid)) await rename(aside, path);
    else await removeIfPresent(aside);
  });
}

// The branch moved: the file and its index entry follow, where they are still at the old version.
async function catchUp(
  target: RecoveryTarget,
  session: WorkingTreeSession,
  file: JournalFile,
  names: { tmpDir: string; stem: string },
): Promise<void> {
  const path = join(target.dir, file.path);
  const entry = session.entryOidAt(file.path);
  const indexStale = entry === (file.before?.oid ?? null) && entry !== (file.after?.oid ?? null);
  if (!indexStale) return;
  let onDisk = await blobOidOfFile(path);
  const stale = onDisk === (file.before?.oid ?? null);
  const blob = file.after ? await target.objects.readBlob(file.after.oid) : null;
  const converted =
    blob && target.checkout ? await target.checkout.toWorkingTree(file.path, blob) : blob;
  // A file behind a filter driver is never written from its blob (its stored form is not the file).
  const content = Buffer.isBuffer(converted) ? converted : null;
  if (stale && file.after && content) {
    await swapFile(
      target.dir,
      file.path,
      content,
      file.after.mode === '100755',
      await stampOf(path),
      {
        ...names,
        stem: `${names.stem}-recovered`,
      },
    ).then(
      (swapped) => (swapped.aside ? unlink(swapped.aside) : undefined),
      () => undefined,
    );
    onDisk = await blobOidOfFile(path);
  } else if (stale && !file.after && file.before) {
    await removeIfPresent(path);
  }
  const change = { path: file.path, before: file.before, after: file.after };
  const holdsBlob =
    file.after !== null &&
    (onDisk === file.after.oid ||
      (content !== null && onDisk !== null && (await fileEquals(path, content))));
  session.adoptEntry(change, holdsBlob ? await stampOf(path) : null);
}
