import type { LogLine } from './historyIndexLog.ts';

/**
 * The history index in memory: the branch's first-parent chain as positions (0 is the root, each
 * later one the next commit), and for each path the ascending positions that changed it, paths
 * interned to small ids. Lines are added at the end and cut from the end only.
 */
export class HistoryPositions {
  private readonly oids: string[] = [];
  private readonly positions = new Map<string, number>();
  private readonly merges = new Set<number>();
  private readonly pathIds = new Map<string, number>();
  private readonly paths: string[] = [];
  /** Per path id: ascending `position * 2 + (added ? 1 : 0)`. */
  private readonly postings: number[][] = [];
  /** Positions of commits that deleted files (only there can an addition be a rename). */
  private readonly deletes = new Set<number>();
  /** Per position whose rename sources were found while indexing: added path -> source. */
  private readonly renamed = new Map<number, Map<string, string>>();
  /** Per position: where its entries start in `touched` (each `pathId * 4 + kind`: 0 modified, 1 added, 2 deleted). */
  private readonly touchedStart: number[] = [];
  private readonly touched: number[] = [];
  /** Bumped whenever positions are cut, so a lookup in flight can tell its positions went stale. */
  generation = 0;

  /** Commits indexed. */
  get length(): number {
    return this.oids.length;
  }

  /** The position of commit `oid`, or undefined when it is not on the indexed chain. */
  positionOf(oid: string): number | undefined {
    return this.positions.get(oid);
  }

  /** The commit at position `pos`. */
  oidAt(pos: number): string {
    return this.oids[pos]!;
  }

  /** The newest indexed commit, or null when there is none. */
  last(): string | null {
    return this.oids.length ? this.oids[this.oids.length - 1]! : null;
  }

  /** True when the commit at `pos` is a merge. */
  isMerge(pos: number): boolean {
    return this.merges.has(pos);
  }

  /** True when the commit at `pos` deleted files. */
  deletedFiles(pos: number): boolean {
    return this.deletes.has(pos);
  }

  /** Rename sources found while indexing `pos` (added path -> source), or undefined when not looked for. */
  renamesAt(pos: number): ReadonlyMap<string, string> | undefined {
    return this.renamed.get(pos);
  }

  /** Ascending `position * 2 + (added ? 1 : 0)` of the commits that changed `path`. */
  postingsOf(path: string): readonly number[] {
    const id = this.pathIds.get(path);
    return id === undefined ? [] : this.postings[id]!;
  }

  /** Appends the commit of `line` as the next position. */
  add(line: LogLine): void {
    const pos = this.oids.length;
    this.oids.push(line.c);
    this.positions.set(line.c, pos);
    if (line.m) this.merges.add(pos);
    if (line.d) this.deletes.add(pos);
    if (line.k) this.renamed.set(pos, new Map(line.r ?? []));
    this.touchedStart.push(this.touched.length);
    for (const path of line.a ?? []) this.touch(pos, path, 1);
    for (const path of line.x ?? []) this.touch(pos, path, 0);
    for (const path of line.d ?? []) this.touch(pos, path, 2);
  }

  private touch(pos: number, path: string, kind: number): void {
    let id = this.pathIds.get(path);
    if (id === undefined) {
      id = this.paths.length;
      this.pathIds.set(path, id);
      this.paths.push(path);
      this.postings.push([]);
    }
    this.postings[id]!.push(pos * 2 + (kind === 1 ? 1 : 0));
    this.touched.push(id * 4 + kind);
  }

  /** Drops positions `from` and later (a rewritten history, a moved shallow boundary, a bad log). */
  cut(from: number): void {
    this.generation++;
    for (let pos = this.oids.length - 1; pos >= from; pos--) {
      for (let t = this.touchedStart[pos]!; t < this.touched.length; t++)
        this.postings[this.touched[t]! >> 2]!.pop();
      this.touched.length = this.touchedStart[pos]!;
      this.positions.delete(this.oids[pos]!);
      this.merges.delete(pos);
      this.deletes.delete(pos);
      this.renamed.delete(pos);
    }
    this.oids.length = Math.min(from, this.oids.length);
    this.touchedStart.length = this.oids.length;
  }

  /** The log line of position `pos`, as it would be written. */
  lineAt(pos: number): LogLine {
    const line: LogLine = { c: this.oids[pos]!, p: pos > 0 ? this.oids[pos - 1]! : null };
    if (this.merges.has(pos)) line.m = 1;
    const end =
      pos + 1 < this.touchedStart.length ? this.touchedStart[pos + 1]! : this.touched.length;
    for (let t = this.touchedStart[pos]!; t < end; t++) {
      const entry = this.touched[t]!;
      const kind = entry & 3;
      (kind === 1 ? (line.a ??= []) : kind === 2 ? (line.d ??= []) : (line.x ??= [])).push(
        this.paths[entry >> 2]!,
      );
    }
    const renamed = this.renamed.get(pos);
    if (renamed) {
      line.k = 1;
      if (renamed.size) line.r = [...renamed];
    }
    return line;
  }
}

/** Index in ascending `list` (of `position * 2 + flag`) of the last entry at or below position `pos`; -1 if none. */
export function below(list: readonly number[], pos: number): number {
  let lo = 0;
  let hi = list.length; // first entry above pos
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! >> 1 <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
