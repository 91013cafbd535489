import type { TextEdit } from './textEdits.ts';

/** Source extent of one item of a bracketed, comma-separated collection (YAML flow, TOML inline, JSON). */
export interface FlowItemExtent {
  start: number;
  end: number;
}

/** Maximal runs [first, last] of consecutive indexes, so neighbouring removals share one edit and never overlap. */
export function runsOf(indexes: Iterable<number>): [number, number][] {
  const sorted = [...indexes].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const index of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === index - 1) last[1] = index;
    else runs.push([index, index]);
  }
  return runs;
}

// In a multi-line collection with a trailing comma (`"b", # note` then `]`), a new last item gets its own line after the
// old last item's line, so that the old item keeps its comment.
function appendAfter(
  source: string,
  last: FlowItemExtent,
  separator: string,
  text: string,
): TextEdit {
  const tail = /^[ \t]*,[ \t]*(?:#[^\n]*)?\r?\n/.exec(source.slice(last.end, last.end + 4096));
  if (tail && separator.includes('\n')) {
    const at = last.end + tail[0].length;
    const indent =
      /^[ \t]*/.exec(source.slice(source.lastIndexOf('\n', last.start - 1) + 1))?.[0] ?? '';
    const eol = tail[0].endsWith('\r\n') ? '\r\n' : '\n';
    return { start: at, end: at, text: `${indent}${text},${eol}` };
  }
  return { start: last.end, end: last.end, text: separator + text };
}

/** Plans removals and insertions in a comma-separated collection, reusing the separator it already uses; an empty one needs `emptyInsertAt` (just past its opening bracket). */
export function flowEdits(
  source: string,
  items: readonly FlowItemExtent[],
  removed: Iterable<number>,
  inserted: readonly { before: number; text: string }[],
  defaultSeparator = ', ',
  emptyInsertAt?: number,
): TextEdit[] {
  const edits: TextEdit[] = [];
  const first = items[0];
  const second = items[1];
  const between = first && second ? source.slice(first.end, second.start) : '';
  // The separator between the first two items (", " or ",\n  ") is reused unless a comment sits there.
  const separator = /^\s*,\s*$/.test(between) ? between : defaultSeparator;
  const removedSet = new Set(removed);
  const last = items[items.length - 1];
  if (first && last && removedSet.size === items.length) {
    // Every old item goes: the new items take their place, with no separator left dangling.
    return [
      {
        start: first.start,
        end: last.end,
        text: inserted.map((item) => item.text).join(separator),
      },
    ];
  }
  for (const [a, b] of runsOf(removedSet)) {
    const next = items[b + 1];
    const previous = items[a - 1];
    const runStart = (items[a] as FlowItemExtent).start;
    const runEnd = (items[b] as FlowItemExtent).end;
    if (next) edits.push({ start: runStart, end: next.start, text: '' });
    else if (previous) edits.push({ start: previous.end, end: runEnd, text: '' });
    else edits.push({ start: runStart, end: runEnd, text: '' });
  }
  for (const entry of inserted) {
    const target = items[entry.before];
    if (target)
      edits.push({ start: target.start, end: target.start, text: entry.text + separator });
    else if (last) edits.push(appendAfter(source, last, separator, entry.text));
    else if (emptyInsertAt !== undefined) {
      const text = inserted.map((item) => item.text).join(separator);
      return [{ start: emptyInsertAt, end: emptyInsertAt, text }];
    } else throw new Error('Internal error: insertion into an empty collection');
  }
  return edits;
}
