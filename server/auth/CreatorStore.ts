import { z } from 'zod';
import { LockedJsonFile } from './lockedJsonFile.ts';

const CreatorsFileSchema = z.object({
  version: z.literal(1),
  /** Entry id -> username of who created it in Folio. */
  entries: z.record(z.string(), z.string()),
});
type CreatorsFile = z.infer<typeof CreatorsFileSchema>;

/**
 * Who created which entry in Folio (`<git dir>/folio/creators.json`), so that an author's own
 * drafts are theirs even when the front matter names nobody. Kept by Folio's writes: a create
 * records it, a move carries it to the new id, a delete forgets it.
 */
export class CreatorStore {
  private readonly file: LockedJsonFile<CreatorsFile>;

  constructor(path: string) {
    // A damaged record only loses who created what (front matter authors still count).
    this.file = new LockedJsonFile(
      path,
      (raw) => CreatorsFileSchema.parse(raw),
      () => ({
        version: 1,
        entries: {},
      }),
      'empty',
    );
  }

  /** The username that created entry `id` in Folio, or null when unknown. */
  creatorOf(id: string): string | null {
    return this.lookup()(id);
  }

  /** A lookup over the file as it is now (one stat for many entries: a list page). */
  lookup(): (id: string) => string | null {
    const { entries } = this.file.read();
    return (id) => (Object.hasOwn(entries, id) ? entries[id]! : null);
  }

  /** Records that `username` created entry `id`. */
  async created(id: string, username: string): Promise<void> {
    await this.file.update((data) => {
      data.entries[id] = username;
    });
  }

  /** Carries the creator of `from` to `to` (after a move). */
  async moved(from: string, to: string): Promise<void> {
    if (from === to || this.creatorOf(from) === null) return;
    await this.file.update((data) => {
      const creator = data.entries[from];
      if (creator === undefined) return;
      delete data.entries[from];
      data.entries[to] = creator;
    });
  }

  /** Forgets the creator of a deleted entry. */
  async deleted(id: string): Promise<void> {
    if (this.creatorOf(id) === null) return;
    await this.file.update((data) => {
      delete data.entries[id];
    });
  }
}
