import type { MediaChangeResult } from '../../../shared/api/media.ts';
import type { User } from '../../../shared/api/contract.ts';
import { slugify } from '../../../shared/slugify.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { GitStore } from '../../git/GitStore.ts';
import { joinRepoPath, repoBasename, repoDirname } from '../../git/paths.ts';
import type { EntryIndex } from '../EntryIndex.ts';
import { mapStoreErrors } from '../storeErrors.ts';
import { authorOf } from '../writeSupport.ts';
import type { MediaLibrary } from './MediaLibrary.ts';
import type { MediaService } from './MediaService.ts';

/**
 * Renaming and deleting library images, each one commit by the editor. Both are refused (409
 * `in_use`, naming the entries) while an entry references the image, unless the editor confirms
 * with `force`; a stale `baseOid` is 409 `stale`; a rename never overwrites (409 `exists`).
 */
export class MediaChanges {
  constructor(
    private readonly store: GitStore,
    private readonly index: EntryIndex,
    private readonly media: MediaService,
    private readonly library: MediaLibrary,
  ) {}

  /** Renames the image at `path` to the slug of `name` in the same folder, keeping its extension. */
  async rename(
    path: string,
    name: string,
    baseOid: string,
    force: boolean,
    user: User,
  ): Promise<MediaChangeResult> {
    const current = await this.media.readPath(path);
    const ext = current.path.slice(current.path.lastIndexOf('.'));
    const stem = slugify(name.replace(/\.[a-z0-9]+$/i, '')).slice(0, 80);
    if (!stem) throw new ValidationError('Give the image a name with letters or digits.');
    const to = joinRepoPath(repoDirname(current.path), `${stem}${ext.toLowerCase()}`);
    if (to === current.path) throw new ValidationError('The image already has this name.');
    await this.requireUnused(current.path, force, 'Renaming');
    return this.commit(async (tree) => {
      const entry = await this.requireBase(tree, current.path, baseOid);
      if (await this.store.objects.lookup(tree, to))
        throw new ConflictError(`"${to}" already exists. Choose another name.`, {
          reason: 'exists',
          id: to,
        });
      return {
        changes: [
          { path: current.path, entry: null },
          { path: to, entry: { mode: entry.mode, oid: entry.oid } },
        ],
        message: `Rename "${repoBasename(current.path)}" to "${repoBasename(to)}"`,
        path: to,
      };
    }, user);
  }

  /** Deletes the image at `path`. */
  async remove(
    path: string,
    baseOid: string,
    force: boolean,
    user: User,
  ): Promise<MediaChangeResult> {
    const current = await this.media.readPath(path);
    await this.requireUnused(current.path, force, 'Deleting');
    return this.commit(async (tree) => {
      await this.requireBase(tree, current.path, baseOid);
      return {
        changes: [{ path: current.path, entry: null }],
        message: `Delete "${repoBasename(current.path)}"`,
        path: null,
      };
    }, user);
  }

  private async requireUnused(path: string, force: boolean, action: string): Promise<void> {
    if (force) return;
    const snapshot = await this.index.current();
    const usedBy = await this.library.usersOf(path, snapshot, await this.media.site(snapshot));
    if (usedBy.length > 0)
      throw new ConflictError(
        `${action} "${repoBasename(path)}" would break ${usedBy.length === 1 ? 'the entry that uses it' : `the ${usedBy.length} entries that use it`} (${usedBy.slice(0, 3).join(', ')}${usedBy.length > 3 ? ', …' : ''}). Confirm to do it anyway.`,
        { reason: 'in_use', usedBy },
      );
  }

  private async requireBase(tree: string, path: string, baseOid: string) {
    const entry = await this.store.objects.lookup(tree, path);
    if (!entry) throw new NotFoundError(`"${path}" is gone: it was moved or deleted meanwhile.`);
    if (entry.oid !== baseOid)
      throw new ConflictError(`"${path}" was replaced since you opened it. Reload the library.`, {
        reason: 'stale',
      });
    return entry;
  }

  private commit(
    plan: (tree: string) => Promise<{
      changes: { path: string; entry: { mode: string; oid: string } | null }[];
      message: string;
      path: string | null;
    }>,
    user: User,
  ): Promise<MediaChangeResult> {
    return mapStoreErrors(async () => {
      const { value, commit, sync } = await this.store.transact(async (head) => {
        if (!head.tree) throw new NotFoundError('The repository has no commit yet.');
        const { changes, message, path } = await plan(head.tree);
        return { plan: { changes, message, author: authorOf(user) }, value: path };
      });
      return { path: value, commit: commit!, sync };
    });
  }
}
