import type {
  Collection,
  DeclaredFileInfo,
  EntryList,
  EntryListQuery,
  EntrySummary,
} from '../../shared/api/contract.ts';
import { dataFileFormat, parseDataFile } from '../../shared/frontmatter/dataFile.ts';
import { parseDocumentData } from '../../shared/frontmatter/index.ts';
import type { ObjectStore } from '../git/ObjectStore.ts';
import { repoBasename } from '../git/paths.ts';
import { isFileMode } from '../git/treeObject.ts';
import type { CollectionService } from './CollectionService.ts';
import { decodeText } from './decodeText.ts';
import type { IndexSnapshot } from './EntryIndex.ts';
import type { EntryLocation } from './entryPaths.ts';
import { foldText } from './foldText.ts';
import { LruCache } from '../git/lruCache.ts';
import { toSummary } from './listEntries.ts';

/** A declared file and the `files` collection that lists it. */
export interface DeclaredFileMatch {
  collection: Collection;
  file: DeclaredFileInfo;
}

/** What a row of a file that is not in the entry index shows: its title, when it has one. */
interface FileHeadline {
  title: string | null;
  error: string | null;
}

/**
 * The files of `files` collections (Decap's `files:`): which paths they declare, where such a file
 * sits when the entry index does not list it (a data file, a page outside the content folder),
 * and the list's rows of such a collection, in the order declared.
 */
export class DeclaredFiles {
  private readonly headlines = new LruCache<string, FileHeadline>(4 * 1024 * 1024, () => 256);

  constructor(
    private readonly collections: CollectionService,
    private readonly objects: ObjectStore,
  ) {}

  /** The `files` collection and declared file at `path`, or null when no files collection declares it. */
  async find(path: string): Promise<DeclaredFileMatch | null> {
    // Every read and write of an entry asks: most paths (most sites) are no declared file.
    if (!(await this.collections.declaredFilePaths()).has(path)) return null;
    for (const collection of await this.collections.list()) {
      const file = collection.files?.find((f) => f.path === path);
      if (file) return { collection, file };
    }
    return null;
  }

  /** The `files` collection named `name`, or null. */
  async collection(name: string): Promise<Collection | null> {
    if ((await this.collections.declaredFilePaths()).size === 0) return null;
    const found = (await this.collections.list()).find((c) => c.name === name);
    return found?.kind === 'files' ? found : null;
  }

  /** Where a declared file the entry index does not list sits: in its files collection, in the site's default language. */
  location(snapshot: IndexSnapshot, match: DeclaredFileMatch): EntryLocation {
    const path = match.file.path;
    return {
      id: path,
      root: snapshot.config.roots[0]!,
      collection: match.collection.name,
      lang: snapshot.config.defaultLanguage,
      slug: repoBasename(path).replace(/\.[^.]+$/, ''),
      bundle: null,
    };
  }

  /** GET /api/entries?collection=<files collection>: one row per declared file, in the order declared. */
  async list(
    snapshot: IndexSnapshot,
    collection: Collection,
    query: EntryListQuery,
    now: number,
  ): Promise<EntryList> {
    const rows: EntrySummary[] = [];
    for (const file of collection.files ?? []) {
      const named = file.label ?? file.name;
      const base = { collection: collection.name, file: file.name };
      const indexed = snapshot.entries.get(file.path);
      if (indexed) {
        const summary = toSummary(indexed, snapshot.config.dates, now);
        rows.push({ ...summary, ...base, title: indexed.doc.title ?? named });
        continue;
      }
      const found = snapshot.head.tree
        ? await this.objects.lookup(snapshot.head.tree, file.path)
        : null;
      const row: EntrySummary = {
        id: file.path,
        ...base,
        title: named,
        date: null,
        draft: false,
        flags: [],
        status: null,
        tags: [],
        categories: [],
        authors: [],
        lang: null,
        oid: '',
      };
      if (!found || !isFileMode(found.mode)) {
        rows.push({ ...row, missing: true });
        continue;
      }
      const headline = await this.headline(found.oid, file.path);
      rows.push({
        ...row,
        oid: found.oid,
        ...(headline.title ? { title: headline.title } : {}),
        ...(headline.error ? { error: headline.error } : {}),
      });
    }
    const terms = query.q ? foldText(query.q).split(/\s+/).filter(Boolean) : [];
    const items = rows.filter((row) => terms.every((t) => foldText(row.title).includes(t)));
    return { items, total: items.length, nextCursor: null, sort: query.sort ?? 'declared' };
  }

  // The title of a file the index does not hold (cached by blob and kind of file).
  private async headline(oid: string, path: string): Promise<FileHeadline> {
    const format = dataFileFormat(path);
    const key = `${format ?? 'markdown'}:${oid}`;
    const hit = this.headlines.get(key);
    if (hit) return hit;
    const text = decodeText(await this.objects.readBlob(oid));
    let headline: FileHeadline;
    if (text === null) headline = { title: null, error: 'The file is not UTF-8 text.' };
    else {
      try {
        const data = format ? parseDataFile(text, format) : parseDocumentData(text).data;
        headline = {
          title: typeof data.title === 'string' && data.title ? data.title : null,
          error: null,
        };
      } catch (err) {
        headline = { title: null, error: (err as Error).message };
      }
    }
    this.headlines.set(key, headline);
    return headline;
  }
}
