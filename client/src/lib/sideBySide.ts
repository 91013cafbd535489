import { diffLines, parsePatch } from 'diff';

/** One cell of a side-by-side diff: a line number and its text, or nothing on that side. */
export interface DiffCell {
  no: number;
  text: string;
  type: 'same' | 'removed' | 'added';
}

/** One row of a side-by-side diff; `gap` marks skipped unchanged lines between hunks. */
export interface DiffRow {
  left: DiffCell | null;
  right: DiffCell | null;
  gap?: string;
}

/**
 * Builds side-by-side rows from a stream of line marks: removed and added lines wait and are paired
 * row by row when an unchanged line (or the end) comes.
 */
function rowBuilder(rows: DiffRow[], leftStart: number, rightStart: number) {
  let leftNo = leftStart;
  let rightNo = rightStart;
  let removed: DiffCell[] = [];
  let added: DiffCell[] = [];
  const flush = (): void => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++)
      rows.push({ left: removed[i] ?? null, right: added[i] ?? null });
    removed = [];
    added = [];
  };
  return {
    removed: (text: string) => removed.push({ no: leftNo++, text, type: 'removed' }),
    added: (text: string) => added.push({ no: rightNo++, text, type: 'added' }),
    same: (text: string) => {
      flush();
      rows.push({
        left: { no: leftNo++, text, type: 'same' },
        right: { no: rightNo++, text, type: 'same' },
      });
    },
    flush,
  };
}

/** Side-by-side rows of two texts, with unchanged runs longer than `context * 2` folded. */
export function diffTexts(before: string, after: string, context = 3): DiffRow[] {
  const rows: DiffRow[] = [];
  const builder = rowBuilder(rows, 1, 1);
  for (const part of diffLines(before, after)) {
    const mark = part.removed ? builder.removed : part.added ? builder.added : builder.same;
    splitLines(part.value).forEach((text) => mark(text));
  }
  builder.flush();
  return foldContext(rows, context);
}

/** Side-by-side rows of a unified diff (the body diff the commit API sends). */
export function diffFromUnified(unified: string): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const file of parsePatch(unified)) {
    for (const hunk of file.hunks) {
      rows.push({
        left: null,
        right: null,
        gap: `Lines ${hunk.oldStart}–${hunk.oldStart + Math.max(hunk.oldLines - 1, 0)}`,
      });
      const builder = rowBuilder(rows, hunk.oldStart, hunk.newStart);
      for (const line of hunk.lines) {
        const text = line.slice(1);
        if (line[0] === '-') builder.removed(text);
        else if (line[0] === '+') builder.added(text);
        else if (line[0] === ' ') builder.same(text);
      }
      builder.flush();
    }
  }
  return rows;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function foldContext(rows: DiffRow[], context: number): DiffRow[] {
  const changed = rows.map((row) => row.left?.type !== 'same' || row.right?.type !== 'same');
  const keep = rows.map((_, i) =>
    changed.slice(Math.max(0, i - context), i + context + 1).some(Boolean),
  );
  const out: DiffRow[] = [];
  let skipped = 0;
  rows.forEach((row, i) => {
    if (keep[i]) {
      if (skipped)
        out.push({
          left: null,
          right: null,
          gap: `${skipped} unchanged ${skipped === 1 ? 'line' : 'lines'}`,
        });
      skipped = 0;
      out.push(row);
    } else skipped++;
  });
  if (skipped)
    out.push({
      left: null,
      right: null,
      gap: `${skipped} unchanged ${skipped === 1 ? 'line' : 'lines'}`,
    });
  return out;
}
