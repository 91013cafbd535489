import type { MediaChangeResult } from '../../../shared/api/media.ts';
import type { User } from '../../../shared/api/contract.ts';
import { slugify } from '../../../shared/slugify.ts';
import { ConflictError, NotFoundError, UnparseableError, ValidationError } from '../../errors.ts';
import type { GitStore } from '../../git/GitStore.ts';
import { joinRepoPath, repoBasename, repoDirname } from '../../git/paths.ts';
import type { EntryIndex } from '../EntryIndex.ts';
import { mapStoreErrors } from '../storeErrors.ts';
import { decodeText } from '../decodeText.ts';
import { authorOf, writeDocument } from '../writeSupport.ts';
import { imageCandidates } from './imageRefs.ts';
import { renamedReference, rewriteImageRefs } from './imageRefRewrite.ts';
import type { MediaLibrary } from './MediaLibrary.ts';
import type { MediaService } from './MediaService.ts';

/**
 * Renaming and deleting library images, each one commit by the editor. A rename rewrites the
 * references of the entries using the image in the same commit; a delete is refused (409
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

  /** The entries that reference the image at `path` at the current head, with their blob ids. */
  async usersOf(path: string): Promise<{ id: string; oid: string }[]> {
    const current = await this.media.readPath(path);
    const snapshot = await this.index.current();
    const ids = await this.library.usersOf(current.path, snapshot, await this.media.site(snapshot));
    return ids.map((id) => ({ id, oid: snapshot.entries.get(id)!.oid }));
  }

  /**
   * Renames the image at `path` to the slug of `name` in the same folder, keeping its extension,
   * and rewrites every reference to it in the entries that use it, in the same commit. `checked`
   * holds the users (id -> blob id) whose policy the route asked; `shown`, when given, the users
   * the editor was told about. A user that is not among them, or changed since, is 409 `stale`.
   */
  async rename(
    path: string,
    name: string,
    baseOid: string,
    pins: { checked: Map<string, string>; shown?: string[] },
    user: User,
  ): Promise<MediaChangeResult> {
    const current = await this.media.readPath(path);
    const ext = current.path.slice(current.path.lastIndexOf('.'));
    const stem = slugify(name.replace(/\.[a-z0-9]+$/i, '')).slice(0, 80);
    if (!stem) throw new ValidationError('Give the image a name with letters or digits.');
    const to = joinRepoPath(repoDirname(current.path), `${stem}${ext.toLowerCase()}`);
    if (to === current.path) throw new ValidationError('The image already has this name.');
    return this.commit(async (tree) => {
      const entry = await this.requireBase(tree, current.path, baseOid);
      if (await this.store.objects.lookup(tree, to))
        throw new ConflictError(`"${to}" already exists. Choose another name.`, {
          reason: 'exists',
          id: to,
        });
      const edits = await this.referenceEdits(tree, current.path, repoBasename(to), pins);
      const from = repoBasename(current.path);
      const also =
        edits.length === 0
          ? ''
          : ` (and its references in ${edits.length === 1 ? '1 entry' : `${edits.length} entries`})`;
      return {
        changes: [
          { path: current.path, entry: null },
          { path: to, entry: { mode: entry.mode, oid: entry.oid } },
          ...edits.map((e) => ({ path: e.id, entry: { mode: e.mode, oid: e.oid } })),
        ],
        message: `Rename "${from}" to "${repoBasename(to)}"${also}`,
        path: to,
        updated: edits.map((e) => e.id),
      };
    }, user);
  }

  // Each user's file at the head with its references to `path` renamed to `name` (new blobs).
  private async referenceEdits(
    tree: string,
    path: string,
    name: string,
    pins: { checked: Map<string, string>; shown?: string[] },
  ): Promise<{ id: string; mode: string; oid: string }[]> {
    const snapshot = await this.index.current();
    const site = await this.media.site(snapshot);
    const users = await this.library.usersOf(path, snapshot, site);
    const edits: { id: string; mode: string; oid: string }[] = [];
    const stale = (why: string) =>
      new ConflictError(`${why} Reload the library to see who uses the image now.`, {
        reason: 'stale',
        usedBy: users,
      });
    if (pins.shown && [...pins.shown].sort().join('\0') !== users.join('\0'))
      throw stale(`The entries using "${repoBasename(path)}" changed since you opened it.`);
    for (const id of users) {
      const found = await this.store.objects.lookup(tree, id);
      const indexed = snapshot.entries.get(id)!;
      if (!found || found.oid !== indexed.oid || pins.checked.get(id) !== found.oid)
        throw stale(`"${id}" was changed meanwhile.`);
      const text = decodeText(await this.index.readBlob(found.oid, { path: id, mode: found.mode }));
      if (text === null) continue;
      const rewrite = () =>
        rewriteImageRefs(text, (src) =>
          imageCandidates(indexed, src, site).includes(path) ? renamedReference(src, name) : null,
        );
      // A file whose front matter Folio cannot read is never rewritten, as saves refuse it.
      if (indexed.doc.error)
        throw new UnparseableError(
          `"${id}" uses this image, but its front matter cannot be read (${indexed.doc.error.message}), so Folio will not rewrite it. Fix that file first, then rename the image.`,
          { id },
        );
      const next = writeDocument(rewrite);
      if (next === text) continue;
      const oid = await this.store.objects.writeBlob(Buffer.from(next, 'utf8'));
      edits.push({ id, mode: found.mode, oid });
    }
    return edits;
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
        updated: [],
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
      updated: string[];
    }>,
    user: User,
  ): Promise<MediaChangeResult> {
    return mapStoreErrors(async () => {
      const { value, commit, sync } = await this.store.transact(async (head) => {
        if (!head.tree) throw new NotFoundError('The repository has no commit yet.');
        const { changes, message, path, updated } = await plan(head.tree);
        return { plan: { changes, message, author: authorOf(user) }, value: { path, updated } };
      });
      return { ...value, commit: commit!, sync };
    });
  }
}
