import { diffWordsWithSpace } from 'diff';

/** A run of text in one line, marked when it is a word the other side does not have. */
export interface WordRun {
  text: string;
  changed: boolean;
}

/** Lines (each without its newline) as runs of text; a line with no mark is one unchanged run. */
export type MarkedLines = WordRun[][];

/** Splits runs at newlines into lines of runs; the text's last newline ends the last line. */
function toLines(runs: WordRun[]): MarkedLines {
  const lines: MarkedLines = [[]];
  for (const run of runs) {
    const parts = run.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part)
        lines[lines.length - 1]!.push({ text: part.replace(/\r$/, ''), changed: run.changed });
    });
  }
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
  return lines;
}

/**
 * The words that differ between lines `from` (the base) and `to` (a side's version of them):
 * `from` with the words `to` removed marked, `to` with the words it added marked. Null when the two
 * share no word (the whole stretch was rewritten), so that marking every word would say nothing.
 */
export function markChangedWords(
  from: string[],
  to: string[],
): { from: MarkedLines; to: MarkedLines } | null {
  if (from.length === 0 || to.length === 0) return null;
  const changes = diffWordsWithSpace(from.join(''), to.join(''));
  if (!changes.some((c) => !c.added && !c.removed && /\S/.test(c.value))) return null;
  const runs = (side: 'added' | 'removed'): WordRun[] =>
    changes
      .filter((c) => !c[side === 'added' ? 'removed' : 'added'])
      .map((c) => ({ text: c.value, changed: c[side] }));
  return { from: toLines(runs('removed')), to: toLines(runs('added')) };
}
