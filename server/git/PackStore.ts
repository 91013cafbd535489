import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type DeltaBaseCache, PackReader, type StoredObject } from './PackReader.ts';

/**
 * The packs of one objects directory. They are listed once and listed again only when the pack
 * folder changes (a fetch adds a pack, `git gc` replaces them all), so an unknown id costs one stat.
 */
export class PackStore {
  private packs: PackReader[] | null = null;
  /** Packs this reader could not open (an ancient index version): the fallback reader's job. */
  skipped = 0;
  private stamp = -1;
  private loading: Promise<PackReader[]> | null = null;
  private readonly packDir: string;

  constructor(
    objectsDir: string,
    private readonly cache: DeltaBaseCache,
  ) {
    this.packDir = join(objectsDir, 'pack');
  }

  /**
   * The object `oid` from any pack, or null when no pack has it. On a miss, `recheck` looks for
   * packs added since (a repack); without it a miss costs only the in-memory index lookups.
   * Delta chains are resolved in `bases`, by default the cache shared by every pack.
   */
  async read(
    oid: string,
    resolveRef: (oid: string) => Promise<StoredObject>,
    bases: DeltaBaseCache = this.cache,
    recheck = true,
  ): Promise<StoredObject | null> {
    const raw = Buffer.from(oid, 'hex');
    for (let attempt = 0; attempt < 2; attempt++) {
      const packs = await this.list(attempt > 0);
      for (const pack of packs) {
        const offset = pack.find(raw);
        if (offset === -1) continue;
        try {
          return await pack.readAt(offset, resolveRef, bases);
        } catch (err) {
          // The pack was deleted and its handle closed by a reload under us: look again.
          if ((err as NodeJS.ErrnoException).code !== 'EBADF' || attempt > 0) throw err;
        }
      }
      if (attempt === 0 && (!recheck || (await this.currentStamp()) === this.stamp)) return null;
    }
    return null;
  }

  /** Forgets the pack list, so the next read lists the folder again whatever its stamp says. */
  invalidate(): void {
    this.stamp = -1;
  }

  private async list(force: boolean): Promise<PackReader[]> {
    if (this.packs && !force) return this.packs;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<PackReader[]> {
    const stamp = await this.currentStamp();
    const names = (await readdir(this.packDir).catch(() => [] as string[])).filter((n) =>
      n.endsWith('.idx'),
    );
    const previous = new Map((this.packs ?? []).map((p) => [p.id, p]));
    const packs: PackReader[] = [];
    let skipped = 0;
    for (const name of names.sort()) {
      const packPath = join(this.packDir, name.replace(/\.idx$/, '.pack'));
      const kept = previous.get(packPath);
      if (kept) {
        packs.push(kept);
        previous.delete(packPath);
        continue;
      }
      try {
        packs.push(await PackReader.open(packPath, join(this.packDir, name), this.cache));
      } catch (err) {
        // A pack being written (no .pack yet) or an ancient index: the fallback reader may cope.
        console.warn(`Folio skips pack ${name}: ${(err as Error).message}`);
        skipped++;
      }
    }
    this.skipped = skipped;
    for (const gone of previous.values()) gone.close();
    this.packs = packs;
    this.stamp = stamp;
    return packs;
  }

  private async currentStamp(): Promise<number> {
    return (await stat(this.packDir).catch(() => null))?.mtimeMs ?? 0;
  }
}
