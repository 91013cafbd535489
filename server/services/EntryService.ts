import { z } from 'zod';
import type {
  CommitList,
  Entry,
  EntryList,
  EntryListQuery,
  EntryVersion as EntryVersionAnswer,
} from '../../shared/api/contract.ts';
import { NotFoundError } from '../errors.ts';
import type { GitStore } from '../git/GitStore.ts';
import { type FileHistoryItem, walkFileHistory } from '../git/fileHistory.ts';
import type { WalkPage } from '../git/commitWalk.ts';
import type { HistoryIndex } from '../git/HistoryIndex.ts';
import { MissingObjectError } from '../git/ObjectStore.ts';
import { isSafeRepoPath } from '../git/paths.ts';
import { isFileMode } from '../git/treeObject.ts';
import { diffTrees } from '../git/treeDiff.ts';
import { toCommitSummary } from './commitSummary.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { EntryIndex, IndexSnapshot } from './EntryIndex.ts';
import { entryPathFor, normalizeId, requireEntry } from './entryIds.ts';
import { type EntryLocation, classifyEntryPath } from './entryPaths.ts';
import { SearchWords } from './wordIndex.ts';
import { type ListSettings, listEntries } from './listEntries.ts';
import { readEntry } from './readEntry.ts';
import type { DeclaredFileMatch, DeclaredFiles } from './declaredFiles.ts';
import { translationsOf } from './translations.ts';
import { unavailableAsNotFound } from './unavailable.ts';
import type { SchemaService } from './schema/SchemaService.ts';

const oid = z.string().regex(/^[0-9a-f]{40}$/);
const HistoryCursorSchema = z.object({
  i: z.string(),
  f: z
    .array(z.object({ c: oid, p: z.string().refine(isSafeRepoPath) }))
    .min(1)
    .max(64),
});
/** Commits read per history page at most, so that a rarely changed file cannot stall a request. */
const HISTORY_SCAN_LIMIT = 2000;

/** An entry as it was in some commit: its path there, its blob, and where it belongs. */
export interface EntryVersion {
  location: EntryLocation;
  oid: string;
  commit: string;
  /** The blob's content (read here, so that a version a partial clone lacks is refused first). */
  bytes: Buffer;
}

/** The path whose history `id` asks for: a current entry's, or a deleted entry's (a path an entry could have). */
function historyPath(snapshot: IndexSnapshot, id: string, declared: boolean): string {
  const path = entryPathFor(snapshot, id);
  if (declared || snapshot.entries.has(path) || classifyEntryPath(snapshot.config, path))
    return path;
  return requireEntry(snapshot, id).id; // not a path an entry could have: the usual 404
}

/** Reading entries: the list, one entry, its history and its old versions. */
export class EntryService {
  constructor(
    private readonly store: GitStore,
    private readonly index: EntryIndex,
    private readonly historyIndex?: HistoryIndex,
    /** The clock entry statuses are worked out against (tests set it). */
    private readonly now: () => Date = () => new Date(),
    /** The declared schema: an entry of a declared collection is translated as it says. */
    private readonly schema?: SchemaService,
    /** The files `files` collections declare (data files and pages the index does not list). */
    private readonly declared?: DeclaredFiles,
  ) {}

  /** The site's search words (see WordIndex): built on the first search, then kept. */
  readonly words = new SearchWords();

  /** GET /api/entries. */
  async list(query: EntryListQuery, settings?: ListSettings): Promise<EntryList> {
    // A search needs the search texts, which a full build fills in just after its first answer.
    const snapshot = query.q ? await this.index.searchable() : await this.index.current();
    if (settings?.files && this.declared)
      return this.declared.list(snapshot, settings.files, query, this.now().getTime());
    const words = query.q
      ? this.words.current(() => [...new Set([...snapshot.entries.values()].map((e) => e.doc))])
      : null;
    return listEntries(snapshot, query, this.now().getTime(), words, settings);
  }

  /** GET /api/entries/{id}. */
  async get(id: string): Promise<Entry> {
    const snapshot = await this.index.current();
    const path = entryPathFor(snapshot, id);
    const match = (await this.declared?.find(path)) ?? null;
    const declaredFile = match && { collection: match.collection.name, name: match.file.name };
    if (match && !snapshot.entries.has(path)) return this.getDeclared(snapshot, match);
    const entry = requireEntry(snapshot, id);
    const bytes = await this.index
      .readBlob(entry.oid, { path: entry.id, mode: entry.mode })
      .catch((err: unknown) => {
        throw unavailableAsNotFound(err, `The content of ${entry.id}`);
      });
    const declared = this.schema ? await this.schema.fieldsFor(entry.id) : null;
    return {
      ...readEntry(bytes, entry, entry.oid, snapshot.head.commit!),
      ...translationsOf(snapshot, entry, declared?.collection ?? null),
      ...(declaredFile ? { declaredFile } : {}),
    };
  }

  // A declared file the index does not list (a data file, a page outside the content folder);
  // one that does not exist yet is a 404 that says how to create it.
  private async getDeclared(snapshot: IndexSnapshot, match: DeclaredFileMatch): Promise<Entry> {
    const { file, collection } = match;
    const found = snapshot.head.tree
      ? await this.store.objects.lookup(snapshot.head.tree, file.path)
      : null;
    if (!found || !isFileMode(found.mode))
      throw new NotFoundError(
        `${file.path} (${file.label ?? file.name} of ${collection.label ?? collection.name}) does not exist yet: create it with its fields' defaults.`,
        { reason: 'missing_declared_file', collection: collection.name, file: file.name },
      );
    const bytes = await this.index
      .readBlob(found.oid, { path: file.path, mode: found.mode })
      .catch((err: unknown) => {
        throw unavailableAsNotFound(err, `The content of ${file.path}`);
      });
    const location = this.declared!.location(snapshot, match);
    return {
      ...readEntry(bytes, location, found.oid, snapshot.head.commit!),
      declaredFile: { collection: collection.name, name: file.name },
    };
  }

  /** GET /api/entries/{id}/history: commits that changed the entry, newest first, across renames. */
  async history(id: string, options: { limit: number; cursor?: string }): Promise<CommitList> {
    const snapshot = await this.index.current();
    const declared = (await this.declared?.find(entryPathFor(snapshot, id))) ?? null;
    const path = historyPath(snapshot, id, declared !== null);
    const objects = this.store.objects;
    objects.refreshShallow();
    let start = [{ commit: snapshot.head.commit!, path }];
    if (options.cursor) {
      const cursor = decodeCursor(options.cursor, HistoryCursorSchema);
      start = cursor.f.map((f) => ({ commit: f.c, path: f.p }));
    }
    const page = await this.walk(start, options.limit);
    if (!options.cursor && !snapshot.entries.has(path) && !declared) {
      const newest = page.items[0];
      // Never an entry here, or moved away (its history goes on under its new id): the usual 404.
      if (!newest || (await this.movedAway(newest.commit, path))) requireEntry(snapshot, id);
    }
    // A commit in a file's history without the file is the one that deleted it. Looking that up
    // reads each commit's old trees (at 10,000 posts, 20 versions of a 400 KB folder tree: 60 ms
    // and 150 MB a page), so it is done for an entry no longer at the head only, the one whose
    // history has a deletion to show; a post deleted and made again at the same path shows its
    // deleting commit without the mark.
    const deletedHere = !snapshot.entries.has(path);
    const items = await Promise.all(
      page.items.map(async (item) => {
        const summary = { ...toCommitSummary(item.commit), id: item.path };
        if (!deletedHere) return summary;
        const there = await objects.lookup(item.commit.tree, item.path);
        return there && isFileMode(there.mode) ? summary : { ...summary, deleted: true };
      }),
    );
    const list: CommitList = {
      items,
      nextCursor: page.next
        ? encodeCursor({ i: path, f: page.next.map((n) => ({ c: n.commit, p: n.path! })) })
        : null,
    };
    if (page.items.some((item) => objects.isShallow(item.commit.oid))) list.shallow = true;
    if (page.unavailable) list.unavailable = true;
    return list;
  }

  /** True when `commit` removed `path` and added its very blob elsewhere (a move, not a deletion). */
  private async movedAway(commit: FileHistoryItem['commit'], path: string): Promise<boolean> {
    const objects = this.store.objects;
    if (!commit.parents[0]) return false;
    const parentTree = (await objects.readCommit(commit.parents[0])).tree;
    const before = await objects.lookup(parentTree, path);
    if (!before) return false;
    const deltas = await diffTrees(objects, parentTree, commit.tree);
    return deltas.some((d) => d.path !== path && !d.before && d.after?.oid === before.oid);
  }

  /** GET /api/entries/{id}/versions/{commit}: the entry as it was in that commit. */
  async version(id: string, commit: string): Promise<EntryVersionAnswer> {
    const snapshot = await this.index.current();
    const found = await this.findVersion(id, commit);
    const entry = readEntry(found.bytes, found.location, found.oid, snapshot.head.commit!);
    // Who made this version, when and why: the compare and version pages show it beside each side.
    const { message, author, date } = toCommitSummary(await this.store.objects.readCommit(commit));
    return { ...entry, commit, commitInfo: { message, author, date } };
  }

  /**
   * Finds entry `id` (a current id, or the id of a deleted entry) in `commit`: at the same path,
   * or at the path it had then, found by following its history back across renames. A version
   * whose blob a partial clone does not have is a 404 with `reason: "object_unavailable"`.
   */
  async findVersion(id: string, commit: string): Promise<EntryVersion> {
    const what = `"${id}" as of commit ${commit.slice(0, 7)}`;
    const found = await this.locateVersion(id, commit).catch((err: unknown) => {
      throw unavailableAsNotFound(err, what);
    });
    const bytes = await this.store.objects.readBlob(found.oid).catch((err: unknown) => {
      throw unavailableAsNotFound(err, what);
    });
    return { ...found, bytes };
  }

  private async locateVersion(id: string, commit: string): Promise<Omit<EntryVersion, 'bytes'>> {
    const snapshot = await this.index.current();
    const path = normalizeId(id);
    this.store.objects.refreshShallow();
    const info = await this.store.objects.readCommit(commit).catch((err: unknown) => {
      if (err instanceof MissingObjectError)
        throw new NotFoundError(`No commit ${commit} in this repository.`);
      throw err;
    });
    const direct = await this.store.objects.lookup(info.tree, path);
    const match = (await this.declared?.find(path)) ?? null;
    const location =
      classifyEntryPath(snapshot.config, path) ??
      (match && this.declared!.location(snapshot, match));
    if (direct && isFileMode(direct.mode) && location) return { location, oid: direct.oid, commit };
    const current = snapshot.entries.get(path);
    if (current) {
      let start = [{ commit: snapshot.head.commit!, path }];
      for (let pages = 0; pages < 5; pages++) {
        const page = await this.walk(start, 50);
        const hit = page.items.find((item) => item.commit.oid === commit);
        if (hit) {
          const then = await this.store.objects.lookup(info.tree, hit.path);
          const thenLocation = classifyEntryPath(snapshot.config, hit.path) ?? current;
          if (then && isFileMode(then.mode))
            return { location: { ...thenLocation, id: hit.path }, oid: then.oid, commit };
          break;
        }
        if (!page.next) break;
        start = page.next.map((n) => ({ commit: n.commit, path: n.path! }));
      }
    }
    throw new NotFoundError(`Entry "${id}" does not exist in commit ${commit.slice(0, 7)}.`);
  }

  /** A page of history: from the history index when it covers `start`, else by walking commits. */
  private async walk(
    start: { commit: string; path: string }[],
    limit: number,
  ): Promise<WalkPage<FileHistoryItem>> {
    const indexed = await this.historyIndex?.history(start, limit, (s, n) =>
      this.walkCommits(s as { commit: string; path: string }[], n),
    );
    return indexed ?? this.walkCommits(start, limit);
  }

  private walkCommits(start: { commit: string; path: string }[], limit: number) {
    return walkFileHistory(this.store.objects, start, { limit, maxScan: HISTORY_SCAN_LIMIT }).catch(
      (err: unknown) => {
        const unavailable = unavailableAsNotFound(err, 'Part of this history');
        if (unavailable !== err) throw unavailable;
        if (err instanceof MissingObjectError)
          throw new NotFoundError(
            'The history cursor names a commit this repository does not have.',
          );
        throw err;
      },
    );
  }
}
