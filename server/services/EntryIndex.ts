import { existsSync } from 'node:fs';
import type { GitStore, StoreHead } from '../git/GitStore.ts';
import { type IndexedFileDelta, listFilesFromIndex } from '../git/indexListing.ts';
import { LruCache } from '../git/lruCache.ts';
import { ObjectUnavailableError } from '../git/ObjectStore.ts';
import { isFileMode } from '../git/treeObject.ts';
import { diffTrees, listFiles } from '../git/treeDiff.ts';
import { type WorkingFile, WorkingTreeBlobs } from '../git/workingTreeBlobs.ts';
import {
  type CachedFile,
  type PersistedEntries,
  loadEntryCache,
  saveEntryCache,
} from './entryCache.ts';
import { LayeredMap } from './LayeredMap.ts';
import { SearchTextFill, type UnfilledSummary } from './searchTextFill.ts';
import { type EntryLocation, classifyEntryPath, listedDirs } from './entryPaths.ts';
import { type SiteConfig, readSiteConfig, siteConfigStamp } from './siteConfig.ts';
import { type DocumentSummary, summarizeDocument, unreadableSummary } from './summarizeDocument.ts';

/** One entry of the head tree: where it is, its blob and what its front matter says. */
export interface IndexedEntry extends EntryLocation {
  oid: string;
  mode: string;
  doc: DocumentSummary;
}

/** The entries of one head commit. Immutable: a new head makes a new snapshot. */
export interface IndexSnapshot {
  head: StoreHead;
  config: SiteConfig;
  entries: LayeredMap<string, IndexedEntry>;
  /** Per-snapshot memo for derived data (sorted lists, collections). */
  memo: Map<string, unknown>;
  /** The previous snapshot's memo and the ids that changed since, to derive sorted lists incrementally. */
  base: { memo: Map<string, unknown>; changed: Set<string> } | null;
}

const PARSE_CONCURRENCY = 32;
// Writing the cache serializes every summary: at 10,000 posts it takes about 0.2 s (in frames,
// with requests served between them), so while editors save it is rewritten at most twice a
// minute (close() writes what is pending on shutdown; a crash only costs re-parsing the files
// changed since).
const SAVE_DELAY_MS = 30_000;
// After a full build the cache is written this soon (after the answer that needed the build).
const FULL_BUILD_SAVE_DELAY_MS = 500;
// Parsed summaries kept beyond the live entries (reverts, moves), weighed by their search text.
const PARSED_BUDGET = 96 * 1024 * 1024;

/** Options of an EntryIndex. */
export interface EntryIndexOptions {
  /** Repository folder of the Hugo site ('' or absent: the root). */
  siteDir?: string;
  /** Where the index is persisted between runs (inside the git directory); none when absent. */
  cacheFile?: string;
  /** How long after a change the cache is written (default 30 s; see SAVE_DELAY_MS). */
  saveDelayMs?: number;
  /** Hugo's environment whose `config/<environment>/` is read (default production, as `hugo` builds). */
  hugoEnvironment?: string;
}

/** A file to add to the index: where it is, its blob, and what the git index recorded of it. */
interface Addition extends WorkingFile {
  location: EntryLocation;
}

/** What apply changes: the next version's LayeredMap, or a full build's plain map. */
interface EntryWrites {
  set(id: string, entry: IndexedEntry): unknown;
  delete(id: string): boolean;
}

interface Baseline {
  tree: string | null;
  config: SiteConfig;
  entries: LayeredMap<string, IndexedEntry>;
}

/**
 * The in-memory index of the entries at the branch head. Each request asks for `current()`, which
 * re-reads HEAD (cheap) and, when it moved (a Folio save, or `git pull` outside), compares the old
 * and new trees and re-parses only the files whose blobs changed. Parsed front matter is cached by
 * blob id, so a file that comes back (a revert, a move) is never parsed twice.
 */
export class EntryIndex {
  private snapshot: IndexSnapshot | null = null;
  private configStamp = '';
  private refreshing: Promise<IndexSnapshot> | null = null;
  private readonly parsed = new LruCache<string, DocumentSummary>(
    PARSED_BUDGET,
    (doc) => (doc.search?.length ?? 0) * 2 + 1024,
  );
  private readonly blobs: WorkingTreeBlobs | null;
  private readonly searchTexts: SearchTextFill;
  private cacheTried = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private unsaved = false;
  /** What building the index cost: files parsed, and whether the persisted cache was used. */
  readonly stats = { parsed: 0, restored: false };

  constructor(
    private readonly store: GitStore,
    private readonly options: EntryIndexOptions = {},
  ) {
    this.blobs = store.layout.dir ? new WorkingTreeBlobs(store.layout.dir) : null;
    this.searchTexts = new SearchTextFill(
      this.blobs,
      (oid) => store.objects.readBlob(oid),
      (file, err) => {
        // A repository removed meanwhile (its server is going away) needs no message.
        if (existsSync(store.layout.gitdir))
          console.error(`Could not read ${file.path} (${file.oid}) for search:`, err);
      },
      // A full build's summaries join the parsed ones once complete, weighed with their text.
      ({ file, doc }) => this.parsed.set(file.oid, doc),
    );
  }

  /** Working-tree reads that replaced object reads (hits) or fell back to them (misses). */
  get workingTreeStats(): { hits: number; misses: number } {
    return this.blobs ? { ...this.blobs.stats } : { hits: 0, misses: 0 };
  }

  /** The snapshot for the current head, updated first if the head moved. */
  async current(): Promise<IndexSnapshot> {
    // Bounded so that a stream of commits cannot starve a caller; each turn waits for real progress.
    for (let turn = 0; ; turn++) {
      const head = await this.store.head();
      const snapshot = this.snapshot;
      if (snapshot && snapshot.head.commit === head.commit && snapshot.head.branch === head.branch)
        return snapshot;
      if (this.refreshing && turn < 5) {
        // Someone is already catching up; the head may have moved again meanwhile, so look again after.
        await this.refreshing.catch(() => undefined);
        continue;
      }
      const refreshing = this.refresh(head);
      this.refreshing = refreshing;
      try {
        return await refreshing;
      } finally {
        if (this.refreshing === refreshing) this.refreshing = null;
      }
    }
  }

  /** The snapshot for the current head, with every entry's search text filled in (see SearchTextFill). */
  async searchable(): Promise<IndexSnapshot> {
    const snapshot = await this.current();
    // The build that made a summary queued its text before the snapshot was published.
    await this.searchTexts.ready();
    return snapshot;
  }

  // The parsed summary of a blob (cached by id), else read from the object store.
  private async summarize(oid: string): Promise<DocumentSummary> {
    const hit = this.parsed.get(oid);
    if (hit) return hit;
    try {
      return this.remember(oid, await this.store.objects.readBlob(oid));
    } catch (err) {
      // A partial clone without this blob: listed, shown read-only with why (not cached: a later
      // `git fetch` may bring it).
      if (!(err instanceof ObjectUnavailableError)) throw err;
      return unreadableSummary(
        `Its content is not in this partial clone: git keeps it on the remote ${err.remote} and fetches it when asked; Folio does not. Run git fetch --refetch, or clone without --filter.`,
      );
    }
  }

  private remember(oid: string, bytes: Buffer): DocumentSummary {
    const summary = summarizeDocument(bytes);
    this.stats.parsed++;
    this.parsed.set(oid, summary);
    return summary;
  }

  /**
   * The bytes of blob `oid`: with the file's path and mode, from the working tree when the file
   * there is exactly that blob (a few kilobytes read and hashed, where a packed blob may need a
   * chain of deltas undone), else from the object store.
   */
  async readBlob(oid: string, file?: { path: string; mode: string }): Promise<Buffer> {
    return (
      (file && this.blobs?.read(file.path, oid, file.mode)) ||
      (await this.store.objects.readBlob(oid))
    );
  }

  /**
   * Resolves once the start-up work is done: the index built for the current head, its search
   * texts filled in, and the cache write under way (a full build's, half a second after it) done.
   */
  async settled(): Promise<void> {
    await this.searchable();
    await this.saving;
  }

  /** Writes the persisted cache now if the index changed since it was last written. */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.unsaved) await this.save();
    await this.saving;
  }

  private async refresh(head: StoreHead): Promise<IndexSnapshot> {
    const objects = this.store.objects;
    const previous = this.snapshot;
    const stamp = await siteConfigStamp(objects, head.tree, this.options);
    let from: Baseline | null = null;
    let restored = false;
    if (previous && stamp === this.configStamp) {
      from = {
        tree: previous.head.tree,
        config: previous.config,
        entries: previous.entries.derive(),
      };
    } else if (!previous && !this.cacheTried) {
      this.cacheTried = true;
      from = await this.restore(stamp, head);
      restored = from !== null;
    }
    let deltas: IndexedFileDelta[] | null = null;
    if (from) {
      try {
        deltas = [];
        for (const dir of listedDirs(from.config))
          deltas.push(...(await diffTrees(objects, from.tree, head.tree, dir)));
      } catch (err) {
        // The cached tree may be gone (git gc after a rewrite): build from scratch instead.
        if (!restored) throw err;
        from = null;
        restored = false;
      }
    }
    let config: SiteConfig;
    let entries: LayeredMap<string, IndexedEntry>;
    let changed: Set<string>;
    if (from && deltas) {
      config = from.config;
      entries = from.entries;
      changed = await this.apply(config, entries, deltas, false);
    } else {
      config = await readSiteConfig(objects, head.tree, this.options);
      // A full build fills a plain map, the next version's base, and leaves the search texts for
      // after its answer (see SearchTextFill).
      const built = new Map<string, IndexedEntry>();
      deltas = await this.listAll(config, head.tree);
      changed = await this.apply(config, built, deltas, true);
      entries = LayeredMap.over(built);
    }
    const base = previous && from ? { memo: previous.memo, changed } : null;
    this.snapshot = { head, config, entries, memo: new Map(), base };
    this.configStamp = stamp;
    this.stats.restored ||= restored;
    if (!from) {
      // A full build is what a cache saves next time: write it soon, but after answering (writing
      // 10,000 summaries takes about a second). close() writes it at once on shutdown.
      this.unsaved = true;
      this.scheduleSave(FULL_BUILD_SAVE_DELAY_MS);
    } else if (changed.size > 0 || (restored && deltas.length > 0)) {
      this.unsaved = true;
      this.scheduleSave();
    }
    return this.snapshot;
  }

  // Every file under the content roots: from the git index when it provably records this tree
  // there (a clean checkout), else from the trees.
  private async listAll(config: SiteConfig, tree: string | null): Promise<IndexedFileDelta[]> {
    const dirs = listedDirs(config);
    const fromIndex =
      tree && this.store.layout.dir
        ? await listFilesFromIndex(this.store.objects, this.store.layout.gitdir, tree, dirs)
        : [];
    const deltas: IndexedFileDelta[] = [];
    for (const [i, dir] of dirs.entries())
      deltas.push(...(fromIndex[i] ?? (await listFiles(this.store.objects, tree, dir))));
    return deltas;
  }

  // The persisted index: summaries by blob id always help; its file list only under the same config.
  private async restore(stamp: string, head: StoreHead): Promise<Baseline | null> {
    if (!this.options.cacheFile) return null;
    const cached = await loadEntryCache(this.options.cacheFile);
    if (!cached) return null;
    for (const [oid, doc] of cached.docs) this.parsed.set(oid, doc);
    if (cached.configStamp !== stamp || !head.tree) return null;
    const config = await readSiteConfig(this.store.objects, head.tree, this.options);
    const docs = new Map(cached.docs);
    const entries = new Map<string, IndexedEntry>();
    // Same configuration, same classification: the cached locations spare checking 10,000 paths.
    for (const [id, oid, mode, rootIndex, collection, lang, slug, bundle] of cached.files) {
      const root = config.roots[rootIndex];
      const doc = docs.get(oid);
      // Anything unexpected in the file: fall back to a full listing (parses still hit the cache).
      if (!root || !doc) return null;
      entries.set(id, { id, root, collection, lang, slug, bundle, oid, mode, doc });
    }
    return { tree: cached.tree, config, entries: LayeredMap.over(entries) };
  }

  private scheduleSave(delayMs = this.options.saveDelayMs ?? SAVE_DELAY_MS): void {
    if (!this.options.cacheFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, delayMs);
    this.saveTimer.unref();
  }

  private save(): Promise<void> {
    const file = this.options.cacheFile;
    const snapshot = this.snapshot;
    const configStamp = this.configStamp;
    this.unsaved = false;
    if (!file || !snapshot?.head.tree) return this.saving;
    this.saving = this.saving
      // The cache keeps search texts: the ones a full build left out are filled in first.
      .then(() => this.searchTexts.ready())
      .then(() => saveEntryCache(file, cacheContents(snapshot, configStamp)))
      .catch((err: unknown) => {
        // Only a cache: the next start rebuilds it. A repository removed meanwhile needs no message.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
          console.error('Could not write the entry cache:', err);
      });
    return this.saving;
  }

  private async apply(
    config: SiteConfig,
    entries: EntryWrites,
    deltas: IndexedFileDelta[],
    fullBuild: boolean,
  ): Promise<Set<string>> {
    const additions: Addition[] = [];
    // What changed since the previous snapshot; a full build has none to compare with.
    const changed = new Set<string>();
    for (const delta of deltas) {
      if (entries.delete(delta.path)) changed.add(delta.path);
      if (!delta.after || !isFileMode(delta.after.mode)) continue;
      const location = classifyEntryPath(config, delta.path);
      const { mode, oid, recorded } = delta.after;
      if (location) additions.push({ location, path: location.id, mode, oid, recorded });
    }
    // Written out rather than spread: this runs for every file of a full build.
    const add = ({ location: l, oid, mode }: Addition, doc: DocumentSummary): void => {
      entries.set(l.id, {
        id: l.id,
        root: l.root,
        collection: l.collection,
        lang: l.lang,
        slug: l.slug,
        bundle: l.bundle,
        oid,
        mode,
        doc,
      });
    };
    // Summaries at hand (cached), then files clean in the working tree, read a batch at a time and
    // summarized on the spot; the rest are read from the object store, a few at a time.
    const toRead: Addition[] = [];
    for (const a of additions) {
      const hit = this.parsed.get(a.oid);
      if (hit) add(a, hit);
      else toRead.push(a);
      if (!fullBuild) changed.add(a.location.id);
    }
    let fromStore = toRead;
    if (this.blobs) {
      const unfilled: UnfilledSummary[] = [];
      const missed = this.blobs.readEach(toRead, (i, bytes) => {
        const a = toRead[i]!;
        let doc = this.parsed.get(a.oid);
        if (!doc && fullBuild) {
          // Kept in `parsed` once its search text is filled in (see SearchTextFill).
          doc = summarizeDocument(bytes, { deferSearch: true });
          this.stats.parsed++;
          if (doc.search === null) unfilled.push({ file: a, doc });
          else this.parsed.set(a.oid, doc);
        }
        doc ??= this.remember(a.oid, bytes);
        add(a, doc);
      });
      this.searchTexts.queue(unfilled);
      fromStore = missed.map((i) => toRead[i]!);
    }
    for (let i = 0; i < fromStore.length; i += PARSE_CONCURRENCY) {
      const batch = fromStore.slice(i, i + PARSE_CONCURRENCY);
      const docs = await Promise.all(batch.map((a) => this.summarize(a.oid)));
      batch.forEach((a, k) => add(a, docs[k]!));
    }
    return changed;
  }
}

// What the persisted cache keeps of a snapshot: its files and their summaries.
function cacheContents(snapshot: IndexSnapshot, configStamp: string): PersistedEntries {
  const files: CachedFile[] = [];
  const docs = new Map<string, DocumentSummary>();
  const roots = snapshot.config.roots;
  for (const entry of snapshot.entries.values()) {
    const root = roots.indexOf(entry.root);
    files.push([
      entry.id,
      entry.oid,
      entry.mode,
      root,
      entry.collection,
      entry.lang,
      entry.slug,
      entry.bundle,
    ]);
    docs.set(entry.oid, entry.doc);
  }
  return { configStamp, tree: snapshot.head.tree!, files, docs: [...docs] };
}
