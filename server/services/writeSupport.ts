import type { FrontMatter, User } from '../../shared/api/contract.ts';
import {
  dataFileFormat,
  parseDataFile,
  updateDataFile,
} from '../../shared/frontmatter/dataFile.ts';
import type { DeclaredFiles } from './declaredFiles.ts';
import {
  FrontMatterError,
  parseDocument,
  updateDocument,
  type ParsedDocument,
} from '../../shared/frontmatter/index.ts';
import { ConflictError, NotFoundError, UnparseableError, ValidationError } from '../errors.ts';
import type { GitStore, StoreHead } from '../git/GitStore.ts';
import { isWithin, repoDirname } from '../git/paths.ts';
import { isFileMode } from '../git/treeObject.ts';
import { listFiles } from '../git/treeDiff.ts';
import { decodeText } from './decodeText.ts';
import type { EntryIndex, IndexSnapshot } from './EntryIndex.ts';
import { entryPathFor } from './entryIds.ts';
import { type EntryLocation, classifyEntryPath } from './entryPaths.ts';
import { readEntry } from './readEntry.ts';
import { toParseProblem } from './summarizeDocument.ts';

/** An entry as it is at the head a write builds on. */
export interface CurrentEntry {
  location: EntryLocation;
  oid: string;
  mode: string;
}

/** Shared steps of every write: find the entry at the head, check the base, read, author. */
export class WriteSupport {
  constructor(
    readonly store: GitStore,
    readonly index: EntryIndex,
    /** The files `files` collections declare, editable although the index does not list them. */
    readonly declared?: DeclaredFiles,
  ) {}

  /** The site configuration and entries (refreshed to the current head). */
  snapshot(): Promise<IndexSnapshot> {
    return this.index.current();
  }

  /** The entry `id` at `head`, read from the tree itself (the truth for a write); 404 when absent. */
  async current(head: StoreHead, id: string): Promise<CurrentEntry> {
    const snapshot = await this.snapshot();
    const { config } = snapshot;
    const path = entryPathFor(snapshot, id);
    let location = classifyEntryPath(config, path);
    if (!location && this.declared) {
      const match = await this.declared.find(path);
      if (match) location = this.declared.location(snapshot, match);
    }
    const found = location && head.tree ? await this.store.objects.lookup(head.tree, path) : null;
    if (!location || !found || !isFileMode(found.mode)) {
      throw new NotFoundError(
        `No entry "${id}" at the current head: it may have been moved or deleted.`,
      );
    }
    return { location, oid: found.oid, mode: found.mode };
  }

  /** 409 with the current version in `details.current` when the editor worked from another version. */
  async requireBase(
    head: StoreHead,
    entry: CurrentEntry,
    baseOid: string | undefined,
  ): Promise<void> {
    if (baseOid === undefined || baseOid === entry.oid) return;
    const bytes = await this.store.objects.readBlob(entry.oid);
    const current = readEntry(bytes, entry.location, entry.oid, head.commit!);
    throw new ConflictError(
      `"${entry.location.id}" was changed since you opened it (you have ${baseOid.slice(0, 7)}, the current version is ${entry.oid.slice(0, 7)}). Reload it and apply your changes again.`,
      { reason: 'stale', current },
    );
  }

  /** The text and parsed document of a blob; 422 for a file Folio cannot parse (never rewritten). */
  async editable(entry: CurrentEntry): Promise<{ text: string; doc: ParsedDocument }> {
    // From the working tree when the file there is exactly this blob (see EntryIndex.readBlob).
    const bytes = await this.index.readBlob(entry.oid, {
      path: entry.location.id,
      mode: entry.mode,
    });
    const text = decodeText(bytes);
    if (text === null)
      throw new UnparseableError(
        `"${entry.location.id}" is not UTF-8 text; Folio will not rewrite it.`,
      );
    try {
      const format = dataFileFormat(entry.location.id);
      if (format) return { text, doc: { format, data: parseDataFile(text, format), body: '' } };
      return { text, doc: parseDocument(text) };
    } catch (err) {
      const problem = toParseProblem(err);
      throw new UnparseableError(
        `"${entry.location.id}" cannot be parsed, so Folio will not rewrite it: ${problem.message}`,
        problem,
      );
    }
  }

  /**
   * The folder to delete or move with an entry: a leaf bundle (posts/x/index.md with its images)
   * goes as a whole unless other Markdown files (translations) live in it; otherwise just the file.
   */
  async unitOf(head: StoreHead, entry: CurrentEntry): Promise<string> {
    if (entry.location.bundle !== 'leaf') return entry.location.id;
    const folder = repoDirname(entry.location.id);
    const { config } = await this.snapshot();
    const files = await listFiles(this.store.objects, head.tree, folder);
    const others = files.filter(
      (f) => f.path !== entry.location.id && classifyEntryPath(config, f.path),
    );
    return others.length === 0 &&
      isWithin(folder, entry.location.root.dir) &&
      folder !== entry.location.root.dir
      ? folder
      : entry.location.id;
  }
}

/** The commit author for an editor: their name (or username) and email from the user record. */
export function authorOf(user: User): { name: string; email: string } {
  return { name: user.name.trim() || user.username, email: user.email };
}

/**
 * The new text of a file for `data` and `body`, edited in place: front matter and body of a
 * Markdown page, or the whole of a YAML, TOML or JSON data file (which has no body: a body sent
 * for one is a 400).
 */
export function rewriteText(path: string, text: string, data: FrontMatter, body: string): string {
  const format = dataFileFormat(path);
  if (!format) return writeDocument(() => updateDocument(text, data, body));
  if (body !== '')
    throw new ValidationError(
      `${path} is a ${format.toUpperCase()} data file: it has no body. Send an empty body and the file's values as frontMatter.`,
      { field: 'body' },
    );
  return writeDocument(() => updateDataFile(text, format, data));
}

/** Runs a front matter write and turns data it cannot write into a 400 naming the problem. */
export function writeDocument(write: () => string): string {
  try {
    return write();
  } catch (err) {
    if (err instanceof FrontMatterError) {
      throw new ValidationError(`Cannot write this front matter: ${err.message}`, {
        reason: err.reason,
      });
    }
    throw err;
  }
}
