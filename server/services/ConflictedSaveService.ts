import type {
  ConflictedPost,
  ConflictedSave,
  ConflictedSaveDetails,
  ConflictVersion,
} from '../../shared/api/sync.ts';
import { NotFoundError } from '../errors.ts';
import type { GitStore } from '../git/GitStore.ts';
import { isFileMode } from '../git/treeObject.ts';
import { diffTrees } from '../git/treeDiff.ts';
import type { EntryIndex } from './EntryIndex.ts';
import { classifyEntryPath, type EntryLocation } from './entryPaths.ts';
import type { EntryService } from './EntryService.ts';
import { readEntry } from './readEntry.ts';
import { unavailableAsNotFound } from './unavailable.ts';

/** What the service needs of the sync engine: the conflicted saves it keeps, and dropping one. */
export interface ConflictKeeper {
  conflict(commit: string): ConflictedSave | null;
  dropConflict(commit: string): Promise<boolean>;
}

/**
 * The conflicted saves of sync (offline saves the remote contradicted, kept on
 * `refs/folio/conflicts/<commit>`): each post such a save changed, in three versions (the save's,
 * its parent's, the branch's now) for the editor's conflict view; and dropping one once resolved.
 */
export class ConflictedSaveService {
  constructor(
    private readonly store: GitStore,
    private readonly index: EntryIndex,
    private readonly entries: EntryService,
    private readonly keeper: ConflictKeeper | null,
  ) {}

  /** GET /api/sync/conflicts/{commit}: the save and each post it changed. */
  async details(commit: string): Promise<ConflictedSaveDetails> {
    const kept = this.kept(commit);
    const objects = this.store.objects;
    const info = await objects.readCommit(commit);
    const parent = info.parents[0] ? (await objects.readCommit(info.parents[0])).tree : null;
    const snapshot = await this.index.current();
    const posts: ConflictedPost[] = [];
    const files: string[] = [];
    for (const delta of await diffTrees(objects, parent, info.tree)) {
      const location = classifyEntryPath(snapshot.config, delta.path);
      if (!location) {
        files.push(delta.path);
        continue;
      }
      const [yours, base] = await Promise.all([
        this.version(location, delta.after, commit),
        this.version(location, delta.before, commit),
      ]);
      const current = snapshot.entries.has(delta.path) ? await this.entries.get(delta.path) : null;
      posts.push({ id: location.id, collection: location.collection, yours, base, current });
    }
    return { ...kept, posts, files };
  }

  /** DELETE /api/sync/conflicts/{commit}: forgets a resolved save (its ref and its list item). */
  async drop(commit: string): Promise<void> {
    this.kept(commit);
    if (!(await this.keeper!.dropConflict(commit))) throw unknownConflict(commit);
  }

  private kept(commit: string): ConflictedSave {
    if (!this.keeper)
      throw new NotFoundError('Sync is off on this server: it keeps no conflicted saves.', {
        reason: 'sync_off',
      });
    const kept = this.keeper.conflict(commit);
    if (!kept) throw unknownConflict(commit);
    return kept;
  }

  // One side of a post in the save, shaped as the entry API shapes it (null: absent on that side).
  private async version(
    location: EntryLocation,
    side: { mode: string; oid: string } | null,
    commit: string,
  ): Promise<ConflictVersion | null> {
    if (!side || !isFileMode(side.mode)) return null;
    const bytes = await this.store.objects.readBlob(side.oid).catch((err: unknown) => {
      throw unavailableAsNotFound(err, `"${location.id}" in the save ${commit.slice(0, 7)}`);
    });
    const { oid, format, frontMatter, body, raw, parseError } = readEntry(
      bytes,
      location,
      side.oid,
      commit,
    );
    return { oid, format, frontMatter, body, ...(raw !== undefined && { raw, parseError }) };
  }
}

function unknownConflict(commit: string): NotFoundError {
  return new NotFoundError(
    `No conflicted save ${commit.slice(0, 7)} is kept on this server: it was resolved already, or never conflicted.`,
    { reason: 'unknown_conflict', commit },
  );
}
