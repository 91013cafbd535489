import { deepEqual, isDataMap } from './deepEqual.ts';
import type { DataPath, FrontMatterData, FrontMatterValue } from './types.ts';

/** One minimal change between two versions of front matter data; list indexes are those of the old list. */
export type DataChange =
  | { kind: 'set'; path: DataPath; value: FrontMatterValue }
  | { kind: 'add'; path: DataPath; value: FrontMatterValue }
  | { kind: 'remove'; path: DataPath }
  | { kind: 'insertItem'; path: DataPath; index: number; value: FrontMatterValue }
  | { kind: 'removeItem'; path: DataPath; index: number };

// Past this many cells the list is replaced whole: alignment cost must stay bounded on hostile input.
const MAX_ALIGNMENT_CELLS = 250_000;

type Step =
  { op: 'keep' } | { op: 'delete'; oldIndex: number } | { op: 'insert'; value: FrontMatterValue };

function alignLists(a: FrontMatterValue[], b: FrontMatterValue[]): Step[] | undefined {
  let head = 0;
  while (head < a.length && head < b.length && deepEqual(a[head], b[head])) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    deepEqual(a[a.length - 1 - tail], b[b.length - 1 - tail])
  )
    tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n * m > MAX_ALIGNMENT_CELLS) return undefined;
  // lcs[i][j] is the longest common subsequence of a[head+i..] and b[head+j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const below = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j--) {
      row[j] = deepEqual(a[head + i], b[head + j])
        ? (below[j + 1] as number) + 1
        : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const steps: Step[] = Array.from({ length: head }, () => ({ op: 'keep' }) as const);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && deepEqual(a[head + i], b[head + j])) {
      steps.push({ op: 'keep' });
      i++;
      j++;
    } else if (j < m && (i === n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      steps.push({ op: 'insert', value: b[head + j] as FrontMatterValue });
      j++;
    } else {
      steps.push({ op: 'delete', oldIndex: head + i });
      i++;
    }
  }
  for (let k = 0; k < tail; k++) steps.push({ op: 'keep' });
  return steps;
}

function diffList(
  a: FrontMatterValue[],
  b: FrontMatterValue[],
  path: DataPath,
  out: DataChange[],
): void {
  const steps = alignLists(a, b);
  if (!steps) {
    out.push({ kind: 'set', path, value: b });
    return;
  }
  let oldIndex = 0;
  let k = 0;
  while (k < steps.length) {
    if (steps[k]?.op === 'keep') {
      oldIndex++;
      k++;
      continue;
    }
    const deleted: number[] = [];
    const inserted: FrontMatterValue[] = [];
    for (; k < steps.length; k++) {
      const step = steps[k] as Step;
      if (step.op === 'keep') break;
      if (step.op === 'delete') deleted.push(step.oldIndex);
      else inserted.push(step.value);
    }
    const paired = Math.min(deleted.length, inserted.length);
    for (let p = 0; p < paired; p++) {
      diffValue(
        a[deleted[p] as number],
        inserted[p] as FrontMatterValue,
        [...path, deleted[p] as number],
        out,
      );
    }
    for (const index of deleted.slice(paired)) out.push({ kind: 'removeItem', path, index });
    const insertAt = oldIndex + deleted.length;
    for (const value of inserted.slice(paired))
      out.push({ kind: 'insertItem', path, index: insertAt, value });
    oldIndex += deleted.length;
  }
}

function diffMap(
  a: FrontMatterData,
  b: FrontMatterData,
  path: DataPath,
  out: DataChange[],
  isRoot: boolean,
): void {
  const oldKeys = Object.keys(a);
  const newKeys = Object.keys(b);
  const shared = oldKeys.filter((key) => Object.hasOwn(b, key));
  // Rewriting a map that empties, fills from empty, or shares no key is both simpler and what a reader expects.
  if (!isRoot && (oldKeys.length === 0 || newKeys.length === 0 || shared.length === 0)) {
    out.push({ kind: 'set', path, value: b });
    return;
  }
  for (const key of oldKeys)
    if (!Object.hasOwn(b, key)) out.push({ kind: 'remove', path: [...path, key] });
  for (const key of shared) diffValue(a[key], b[key] as FrontMatterValue, [...path, key], out);
  for (const key of newKeys)
    if (!Object.hasOwn(a, key))
      out.push({ kind: 'add', path: [...path, key], value: b[key] as FrontMatterValue });
}

function diffValue(
  a: FrontMatterValue | undefined,
  b: FrontMatterValue,
  path: DataPath,
  out: DataChange[],
): void {
  if (deepEqual(a, b)) return;
  if (isDataMap(a) && isDataMap(b)) diffMap(a, b, path, out, false);
  else if (Array.isArray(a) && Array.isArray(b) && a.length > 0 && b.length > 0)
    diffList(a, b, path, out);
  else out.push({ kind: 'set', path, value: b });
}

/** Lists the minimal changes that turn `before` into `after`: changed values, added and removed keys, inserted and removed list items. */
export function diffData(before: FrontMatterData, after: FrontMatterData): DataChange[] {
  const out: DataChange[] = [];
  diffMap(before, after, [], out, true);
  return out;
}
