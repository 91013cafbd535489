/** One replacement of `source.slice(start, end)` by `text`, in offsets of the original source. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Signals two edits that touch the same text, which means the edit plan was wrong and must not be applied. */
export class OverlappingEditsError extends Error {
  constructor() {
    super('Internal error: overlapping front matter edits');
    this.name = 'OverlappingEditsError';
  }
}

/** Applies edits expressed against the original source; inserts at one offset keep the order in which they were planned. */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order)
    .map(({ edit }) => edit);
  let out = '';
  let cursor = 0;
  for (const edit of ordered) {
    if (edit.start < cursor || edit.end < edit.start) throw new OverlappingEditsError();
    out += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + source.slice(cursor);
}
