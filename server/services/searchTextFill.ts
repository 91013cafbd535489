import type { WorkingFile, WorkingTreeBlobs } from '../git/workingTreeBlobs.ts';
import { type DocumentSummary, searchText, searchTextOf } from './summarizeDocument.ts';

// Files filled in per turn of the event loop, so that requests are served between: 256 took
// 100-400 ms a turn on a site of long posts (folding and splitting 2 MB of text); 16 take a few.
const CHUNK = 16;

/** A summary whose search text is still to be filled in, and the file version it was made from. */
export interface UnfilledSummary {
  file: WorkingFile;
  doc: DocumentSummary;
}

/**
 * Fills in the search texts a full build left out. Folding every post's body and keeping it is a
 * fifth of a cold start, and the first page of the list does not need it: the texts are made just
 * after the first answer, a chunk per turn of the event loop, from the same file versions (read
 * from the working tree where it still has them, else from the object store). A search waits for
 * `ready()`, so it never sees an entry without its text.
 */
export class SearchTextFill {
  private pending: Promise<void> = Promise.resolve();

  /**
   * `readObject` reads a blob from the object store; `report` is told of a file whose text could
   * not be made (the entry is then searchable by its title only); `filled` of each summary once
   * its text is in.
   */
  constructor(
    private readonly blobs: WorkingTreeBlobs | null,
    private readonly readObject: (oid: string) => Promise<Buffer>,
    private readonly report: (file: WorkingFile, err: unknown) => void,
    private readonly filled: (item: UnfilledSummary) => void,
  ) {}

  /** Fills in `items` after what is already queued. */
  queue(items: UnfilledSummary[]): void {
    if (items.length === 0) return;
    this.pending = this.pending.then(() => this.fill(items));
  }

  /** Resolves when every summary queued so far has its search text. */
  ready(): Promise<void> {
    return this.pending;
  }

  private async fill(items: UnfilledSummary[]): Promise<void> {
    for (let at = 0; at < items.length; at += CHUNK) {
      await new Promise((resolve) => setImmediate(resolve));
      const chunk = items.slice(at, at + CHUNK).filter((item) => item.doc.search === null);
      const missed = this.blobs
        ? this.blobs.readEach(
            chunk.map((item) => item.file),
            (i, bytes) => this.fillOne(chunk[i]!, bytes),
          )
        : chunk.map((_, i) => i);
      for (const i of missed) {
        const item = chunk[i]!;
        let bytes: Buffer;
        try {
          bytes = await this.readObject(item.file.oid);
        } catch (err) {
          this.fillTitleOnly(item, err);
          continue;
        }
        this.fillOne(item, bytes);
      }
    }
  }

  // Never throws: a search must not fail for one file.
  private fillOne(item: UnfilledSummary, bytes: Uint8Array): void {
    try {
      item.doc.search = searchTextOf(bytes, item.doc.title);
    } catch (err) {
      this.fillTitleOnly(item, err);
      return;
    }
    this.filled(item);
  }

  // The blob was readable moments ago; should it be gone, the entry stays searchable by its title.
  private fillTitleOnly(item: UnfilledSummary, err: unknown): void {
    this.report(item.file, err);
    item.doc.search = searchText(item.doc.title, '');
    this.filled(item);
  }
}
