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

/** Side-by-side rows of two texts, with unchanged runs longer than `context * 2` folded. */
export function diffTexts(before: string, after: string, context = 3): DiffRow[] {
  const rows: DiffRow[] = [];
  let leftNo = 1;
  let rightNo = 1;
  let removed: DiffCell[] = [];
  let added: DiffCell[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++)
      rows.push({ left: removed[i] ?? null, right: added[i] ?? null });
    removed = [];
    added = [];
  };
  for (const part of diffLines(before, after)) {
    const lines = splitLines(part.value);
    if (part.removed)
      lines.forEach((text) => removed.push({ no: leftNo++, text, type: 'removed' }));
    else if (part.added)
      lines.forEach((text) => added.push({ no: rightNo++, text, type: 'added' }));
    else {
      flush();
      for (const text of lines)
        rows.push({
          left: { no: leftNo++, text, type: 'same' },
          right: { no: rightNo++, text, type: 'same' },
        });
    }
  }
  flush();
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
      let leftNo = hunk.oldStart;
      let rightNo = hunk.newStart;
      let removed: DiffCell[] = [];
      let added: DiffCell[] = [];
      const flush = () => {
        for (let i = 0; i < Math.max(removed.length, added.length); i++)
          rows.push({ left: removed[i] ?? null, right: added[i] ?? null });
        removed = [];
        added = [];
      };
      for (const line of hunk.lines) {
        const mark = line[0];
        const text = line.slice(1);
        if (mark === '-') removed.push({ no: leftNo++, text, type: 'removed' });
        else if (mark === '+') added.push({ no: rightNo++, text, type: 'added' });
        else if (mark === ' ') {
          flush();
          rows.push({
            left: { no: leftNo++, text, type: 'same' },
            right: { no: rightNo++, text, type: 'same' },
          });
        }
      }
      flush();
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
