import type { GitStore, StoreHead } from '../git/GitStore.ts';
import { LruCache } from '../git/lruCache.ts';
import { isFileMode } from '../git/treeObject.ts';
import { diffTrees, type FileDelta, listFiles } from '../git/treeDiff.ts';
import { type EntryLocation, classifyEntryPath } from './entryPaths.ts';
import { type SiteConfig, readSiteConfig, siteConfigStamp } from './siteConfig.ts';
import { type DocumentSummary, summarizeDocument } from './summarizeDocument.ts';

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
  entries: ReadonlyMap<string, IndexedEntry>;
  /** Per-snapshot memo for derived data (sorted lists, collections). */
  memo: Map<string, unknown>;
  /** The previous snapshot's memo and the ids that changed since, to derive sorted lists incrementally. */
  base: { memo: Map<string, unknown>; changed: Set<string> } | null;
}

const PARSE_CONCURRENCY = 16;

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
  private readonly parsed = new LruCache<string, DocumentSummary>(300_000);

  constructor(private readonly store: GitStore) {}

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

  /** The parsed summary of a blob (cached by id). */
  async summarize(oid: string): Promise<DocumentSummary> {
    const hit = this.parsed.get(oid);
    if (hit) return hit;
    const summary = summarizeDocument(await this.store.objects.readBlob(oid));
    this.parsed.set(oid, summary);
    return summary;
  }

  private async refresh(head: StoreHead): Promise<IndexSnapshot> {
    const objects = this.store.objects;
    const previous = this.snapshot;
    const stamp = await siteConfigStamp(objects, head.tree);
    let config: SiteConfig;
    let entries: Map<string, IndexedEntry>;
    let deltas: FileDelta[];
    const incremental = previous !== null && stamp === this.configStamp;
    if (previous && incremental) {
      config = previous.config;
      entries = new Map(previous.entries);
      deltas = [];
      for (const root of config.roots)
        deltas.push(...(await diffTrees(objects, previous.head.tree, head.tree, root.dir)));
    } else {
      config = await readSiteConfig(objects, head.tree);
      entries = new Map();
      deltas = [];
      for (const root of config.roots)
        deltas.push(...(await listFiles(objects, head.tree, root.dir)));
    }
    const changed = await this.apply(config, entries, deltas);
    const base = previous && incremental ? { memo: previous.memo, changed } : null;
    this.snapshot = { head, config, entries, memo: new Map(), base };
    this.configStamp = stamp;
    return this.snapshot;
  }

  private async apply(
    config: SiteConfig,
    entries: Map<string, IndexedEntry>,
    deltas: FileDelta[],
  ): Promise<Set<string>> {
    const additions: { location: EntryLocation; oid: string; mode: string }[] = [];
    const changed = new Set<string>();
    for (const delta of deltas) {
      if (entries.delete(delta.path)) changed.add(delta.path);
      if (!delta.after || !isFileMode(delta.after.mode)) continue;
      const location = classifyEntryPath(config, delta.path);
      if (location) additions.push({ location, ...delta.after });
    }
    for (let i = 0; i < additions.length; i += PARSE_CONCURRENCY) {
      const batch = additions.slice(i, i + PARSE_CONCURRENCY);
      const docs = await Promise.all(batch.map((a) => this.summarize(a.oid)));
      batch.forEach((a, k) => {
        entries.set(a.location.id, { ...a.location, oid: a.oid, mode: a.mode, doc: docs[k]! });
        changed.add(a.location.id);
      });
    }
    return changed;
  }
}
