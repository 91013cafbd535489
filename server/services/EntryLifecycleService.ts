import type {
  MoveEntryRequest,
  RestoreEntryRequest,
  User,
  WriteResult,
} from '../../shared/api/contract.ts';
import { parseDocument } from '../../shared/frontmatter/index.ts';
import { ConflictError, CreateDisabledError, NotFoundError, ValidationError } from '../errors.ts';
import type { TreeChange } from '../git/buildTree.ts';
import type { StoreHead, TransactionStep } from '../git/GitStore.ts';
import { isWithin, joinRepoPath, repoBasename, repoDirname } from '../git/paths.ts';
import { TREE_MODE } from '../git/treeObject.ts';
import { chooseMessage, commitMessages, messageTitle } from './commitMessages.ts';
import { decodeText } from './decodeText.ts';
import { normalizeId } from './entryIds.ts';
import { classifyEntryPath, fallbackTitle } from './entryPaths.ts';
import type { EntryService } from './EntryService.ts';
import type { SchemaService } from './schema/SchemaService.ts';
import { mapStoreErrors } from './storeErrors.ts';
import { type CurrentEntry, type WriteSupport, authorOf } from './writeSupport.ts';

/** Deleting, moving and restoring entries. None of them rewrites a file's bytes. */
export class EntryLifecycleService {
  constructor(
    private readonly support: WriteSupport,
    private readonly entries: EntryService,
    private readonly schema: SchemaService,
  ) {}

  /** DELETE /api/entries/{id}?baseOid=: removes the file, or a leaf bundle's whole folder. */
  async remove(id: string, baseOid: string, user: User): Promise<WriteResult> {
    return this.commit(async (head) => {
      const entry = await this.support.current(head, id);
      await this.support.requireBase(head, entry, baseOid);
      const unit = await this.support.unitOf(head, entry);
      const title = await this.titleOf(entry.oid, fallbackTitle(entry.location));
      return {
        plan: {
          changes: [{ path: unit, entry: null }],
          message: commitMessages.delete(title),
          author: authorOf(user),
        },
        value: { id: entry.location.id, oid: null },
      };
    });
  }

  /**
   * POST /api/entries/{id}/move: renames the entry to the id `to`, keeping its blob so history
   * follows it. A leaf bundle moved to another `.../index.md` takes its folder (images) along.
   */
  async move(
    id: string,
    request: MoveEntryRequest & { message?: string },
    user: User,
  ): Promise<WriteResult> {
    return this.commit(async (head) => {
      const to = normalizeId(request.to);
      const { config } = await this.support.snapshot();
      if (!classifyEntryPath(config, to))
        throw new ValidationError(
          `Cannot move to "${request.to}": give a Markdown file path inside the content folder.`,
        );
      const entry = await this.support.current(head, id);
      await this.support.requireBase(head, entry, request.baseOid);
      if (to === entry.location.id) return { plan: null, value: { id: to, oid: entry.oid } };
      await this.refuseClosedCollection(entry, to);
      const unit = await this.support.unitOf(head, entry);
      const movesFolder =
        unit !== entry.location.id && repoBasename(to) === repoBasename(entry.location.id);
      const from = movesFolder ? unit : entry.location.id;
      const destination = movesFolder ? repoDirname(to) : to;
      if (isWithin(destination, from))
        throw new ValidationError('Cannot move an entry into its own folder.');
      if (head.tree && (await this.support.store.objects.lookup(head.tree, destination))) {
        throw new ConflictError(`"${destination}" already exists. Choose another name.`, {
          reason: 'exists',
          id: destination,
        });
      }
      const source = head.tree ? await this.support.store.objects.lookup(head.tree, from) : null;
      if (!source) throw new NotFoundError(`"${from}" vanished during the move.`);
      const changes: TreeChange[] = [
        { path: from, entry: null },
        {
          path: destination,
          entry: { mode: movesFolder ? TREE_MODE : source.mode, oid: source.oid },
        },
      ];
      const title = await this.titleOf(entry.oid, fallbackTitle(entry.location));
      return {
        plan: {
          changes,
          message: chooseMessage(request.message, commitMessages.move(title, to)),
          author: authorOf(user),
        },
        value: { id: to, oid: entry.oid },
      };
    });
  }

  /**
   * POST /api/entries/{id}/bundle: turns a single-file post into a leaf bundle (`x.md` ->
   * `x/index.md`, `x.en.md` -> `x/index.en.md`) with one rename commit, so history follows it and
   * images can live beside it. 400 for an entry that is a bundle already.
   */
  async toBundle(id: string, baseOid: string, user: User): Promise<WriteResult> {
    const snapshot = await this.support.snapshot();
    const path = normalizeId(id);
    const location = classifyEntryPath(snapshot.config, path);
    const indexed = snapshot.entries.get(path);
    if (!location || !indexed)
      throw new NotFoundError(
        `No entry "${id}" at the current head: it may have been moved or deleted.`,
      );
    if (location.bundle)
      throw new ValidationError(`"${id}" is a page bundle already: its images go beside it.`, {
        reason: 'already_bundle',
      });
    const file = repoBasename(path);
    const dot = file.lastIndexOf('.');
    // What follows the slug in the file name: the language suffix, if any (".en").
    const suffix = file.slice(location.slug.length, dot);
    const to = joinRepoPath(repoDirname(path), location.slug, `index${suffix}${file.slice(dot)}`);
    const title = await this.titleOf(indexed.oid, fallbackTitle(location));
    return this.move(id, { to, baseOid, message: commitMessages.bundle(title) }, user);
  }

  /**
   * POST /api/entries/{id}/restore: a new commit that puts back the entry's bytes from `commit`
   * (found across renames). Works for a deleted entry too, when `commit` still had it.
   */
  async restore(id: string, request: RestoreEntryRequest, user: User): Promise<WriteResult> {
    const version = await this.entries.findVersion(id, request.commit);
    return this.commit(async (head) => {
      const path = normalizeId(id);
      let current: CurrentEntry | null = null;
      try {
        current = await this.support.current(head, path);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
      if (current) await this.support.requireBase(head, current, request.baseOid);
      else if (request.baseOid)
        throw new ConflictError(`"${path}" no longer exists; restore it without a baseOid.`, {
          reason: 'stale',
        });
      if (current?.oid === version.oid)
        return { plan: null, value: { id: path, oid: version.oid } };
      const title = await this.titleOf(version.oid, fallbackTitle(version.location));
      const mode = current?.mode ?? '100644';
      return {
        plan: {
          changes: [{ path, entry: { mode, oid: version.oid } }],
          message: chooseMessage(request.message, commitMessages.restore(title, request.commit)),
          author: authorOf(user),
        },
        value: { id: path, oid: version.oid },
      };
    });
  }

  // A move into a collection that takes no new entries (create: false) adds one to it: refused as
  // a create there is. Renaming within the collection the entry is in stays allowed.
  private async refuseClosedCollection(entry: CurrentEntry, to: string): Promise<void> {
    const text = decodeText(await this.support.store.objects.readBlob(entry.oid));
    let data: Record<string, unknown> | undefined;
    try {
      data = text === null ? undefined : parseDocument(text).data;
    } catch {
      data = undefined;
    }
    const target = (await this.schema.fieldsFor(to, data))?.collection;
    if (!target || target.create !== false) return;
    const current = (await this.schema.fieldsFor(entry.location.id, data))?.collection;
    if (current === target) return;
    throw new CreateDisabledError(
      target,
      (await this.schema.current()).source ?? 'folio.yml',
      'move',
    );
  }

  private async titleOf(oid: string, fallback: string): Promise<string> {
    const text = decodeText(await this.support.store.objects.readBlob(oid));
    try {
      return messageTitle(text === null ? null : parseDocument(text).data.title, fallback);
    } catch {
      return fallback;
    }
  }

  private async commit(
    step: (head: StoreHead) => Promise<TransactionStep<{ id: string; oid: string | null }>>,
  ): Promise<WriteResult> {
    return mapStoreErrors(async () => {
      const { value, commit, sync } = await this.support.store.transact(step);
      return { id: value.id, oid: value.oid, commit, changed: commit !== null, sync };
    });
  }
}
