// Scripted edits for golden tests: the changes an editor makes in Folio's form, applied to parsed data.
import type { FrontMatterData, FrontMatterValue } from '../../../shared/frontmatter/index.ts';

/** One scripted change to front matter data. */
export type EditOp =
  | { op: 'set'; path: (string | number)[]; value: FrontMatterValue }
  | { op: 'remove'; path: (string | number)[] }
  | { op: 'push'; path: (string | number)[]; value: FrontMatterValue }
  | { op: 'remove_item'; path: (string | number)[]; index: number };

/** A fixture's edit: data changes and, optionally, a new body. */
export interface EditScript {
  ops: EditOp[];
  body?: string;
}

type Container = FrontMatterData | FrontMatterValue[];

function parentOf(data: FrontMatterData, path: (string | number)[], create: boolean): Container {
  let current: Container = data;
  for (const segment of path.slice(0, -1)) {
    const next: FrontMatterValue | undefined = Array.isArray(current)
      ? current[segment as number]
      : current[segment as string];
    if (typeof next === 'object' && next !== null) current = next;
    else if (create && !Array.isArray(current)) current = current[segment as string] = {};
    else throw new Error(`No container at ${String(segment)}`);
  }
  return current;
}

/** Applies a script to a deep copy of the data. */
export function applyScript(data: FrontMatterData, ops: EditOp[]): FrontMatterData {
  const out = structuredClone(data);
  for (const op of ops) {
    const parent = parentOf(out, op.path, op.op === 'set');
    const last = op.path[op.path.length - 1] as string | number;
    const target: FrontMatterValue | undefined = Array.isArray(parent)
      ? parent[last as number]
      : parent[last as string];
    if (op.op === 'set') {
      if (Array.isArray(parent)) parent[last as number] = op.value;
      else parent[last as string] = op.value;
    } else if (op.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last as string];
    } else if (Array.isArray(target)) {
      if (op.op === 'push') target.push(op.value);
      else target.splice(op.index, 1);
    } else {
      throw new Error(`Not a list at ${String(last)}`);
    }
  }
  return out;
}

/** The default edit: toggle draft, change the title, add a tag, remove one of toc/comment/weight. */
export function defaultScript(data: FrontMatterData): EditOp[] {
  const ops: EditOp[] = [
    { op: 'set', path: ['draft'], value: typeof data.draft === 'boolean' ? !data.draft : true },
  ];
  if (typeof data.title === 'string')
    ops.push({ op: 'set', path: ['title'], value: `${data.title} (edited)` });
  if (Array.isArray(data.tags)) ops.push({ op: 'push', path: ['tags'], value: 'folio' });
  const removable = ['toc', 'comment', 'weight'].find((key) => Object.hasOwn(data, key));
  if (removable) ops.push({ op: 'remove', path: [removable] });
  return ops;
}
