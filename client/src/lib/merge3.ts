import { diffArrays } from 'diff';

/**
 * One stretch of a three-way merge of texts, in the order of the base: unchanged, changed by one
 * side only (kept automatically), changed the same way by both, or a conflict (both changed the
 * same lines differently). Every chunk holds its lines as each side has them, so the three
 * texts can be rebuilt from the chunks.
 */
export type MergeChunk =
  | { kind: 'same'; base: string[] }
  | { kind: 'theirs'; base: string[]; theirs: string[] }
  | { kind: 'mine'; base: string[]; mine: string[] }
  | { kind: 'agreed'; base: string[]; both: string[] }
  | { kind: 'conflict'; base: string[]; theirs: string[]; mine: string[] };

/** How a conflict is settled: one side, both (theirs, then mine), or text the editor wrote. */
export type ConflictChoice =
  { take: 'theirs' } | { take: 'mine' } | { take: 'both' } | { take: 'edit'; text: string };

/** A side's change to the base: lines [start, end) of the base become `lines`. */
interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

/** Splits a text into lines that keep their line endings, so joining them gives the text back. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The changes that turn `base` into `other`, as hunks over the base's lines. */
function hunksOf(base: string[], other: string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let at = 0;
  let open: Hunk | null = null;
  for (const part of diffArrays(base, other)) {
    if (!part.added && !part.removed) {
      if (open) hunks.push(open);
      open = null;
      at += part.count ?? part.value.length;
      continue;
    }
    open ??= { start: at, end: at, lines: [] };
    if (part.removed) {
      at += part.value.length;
      open.end = at;
    } else open.lines.push(...part.value);
  }
  if (open) hunks.push(open);
  return hunks;
}

/** Two hunks touch the same base lines (or insert at the same place), so their order is not given. */
const overlaps = (a: Hunk, b: Hunk) => (a.start < b.end && b.start < a.end) || a.start === b.start;

/** A side's text of base lines [start, end), with that side's hunks in it applied. */
function sideText(base: string[], start: number, end: number, hunks: Hunk[]): string[] {
  const out: string[] = [];
  let at = start;
  for (const hunk of hunks) {
    out.push(...base.slice(at, hunk.start), ...hunk.lines);
    at = hunk.end;
  }
  out.push(...base.slice(at, end));
  return out;
}

const sameLines = (a: string[], b: string[]) =>
  a.length === b.length && a.every((line, i) => line === b[i]);

/**
 * Three-way merge of lines, as diff3 does: each side's changes against the base, grouped where
 * they touch the same base lines; a group changed by one side is that side's, a group both
 * changed is agreed when they made the same text and a conflict otherwise.
 */
export function merge3(base: string, theirs: string, mine: string): MergeChunk[] {
  const baseLines = splitLines(base);
  const tagged = [
    ...hunksOf(baseLines, splitLines(theirs)).map((hunk) => ({ hunk, side: 'theirs' as const })),
    ...hunksOf(baseLines, splitLines(mine)).map((hunk) => ({ hunk, side: 'mine' as const })),
  ].sort((a, b) => a.hunk.start - b.hunk.start || a.hunk.end - b.hunk.end);
  const chunks: MergeChunk[] = [];
  let at = 0;
  let i = 0;
  while (i < tagged.length) {
    const group = [tagged[i]!];
    let start = tagged[i]!.hunk.start;
    let end = tagged[i]!.hunk.end;
    for (i++; i < tagged.length; i++) {
      const next = tagged[i]!.hunk;
      if (!group.some((g) => overlaps(g.hunk, next)) && next.start >= end) break;
      group.push(tagged[i]!);
      start = Math.min(start, next.start);
      end = Math.max(end, next.end);
    }
    if (start > at) chunks.push({ kind: 'same', base: baseLines.slice(at, start) });
    const of = (side: 'theirs' | 'mine') => group.filter((g) => g.side === side).map((g) => g.hunk);
    const baseSpan = baseLines.slice(start, end);
    const theirsSpan = sideText(baseLines, start, end, of('theirs'));
    const mineSpan = sideText(baseLines, start, end, of('mine'));
    if (of('mine').length === 0)
      chunks.push({ kind: 'theirs', base: baseSpan, theirs: theirsSpan });
    else if (of('theirs').length === 0)
      chunks.push({ kind: 'mine', base: baseSpan, mine: mineSpan });
    else if (sameLines(theirsSpan, mineSpan))
      chunks.push({ kind: 'agreed', base: baseSpan, both: theirsSpan });
    else chunks.push({ kind: 'conflict', base: baseSpan, theirs: theirsSpan, mine: mineSpan });
    at = end;
  }
  if (at < baseLines.length) chunks.push({ kind: 'same', base: baseLines.slice(at) });
  return chunks;
}

/** The lines of one chunk as `side` has them (`base`, `theirs` or `mine`). */
export function chunkLines(chunk: MergeChunk, side: 'base' | 'theirs' | 'mine'): string[] {
  if (side === 'base' || chunk.kind === 'same') return chunk.base;
  if (chunk.kind === 'agreed') return chunk.both;
  if (chunk.kind === 'conflict') return chunk[side];
  if (chunk.kind === 'theirs') return side === 'theirs' ? chunk.theirs : chunk.base;
  return side === 'mine' ? chunk.mine : chunk.base;
}

/** A conflict's lines for a choice (an edited text is taken as written, ending in a newline when the chunk did). */
function chosenLines(chunk: Extract<MergeChunk, { kind: 'conflict' }>, choice: ConflictChoice) {
  if (choice.take === 'theirs') return chunk.theirs;
  if (choice.take === 'mine') return chunk.mine;
  if (choice.take === 'both') {
    // Theirs, then mine, each whole: a last line without its newline gets one so they do not run together.
    const theirs = [...chunk.theirs];
    const last = theirs.length - 1;
    if (last >= 0 && !theirs[last]!.endsWith('\n') && chunk.mine.length)
      theirs[last] = `${theirs[last]}\n`;
    return [...theirs, ...chunk.mine];
  }
  if (!choice.text) return [];
  // An edit that drops the last newline would run into the next line.
  const last = chunk.theirs.at(-1) ?? chunk.mine.at(-1) ?? '\n';
  return [choice.text.endsWith('\n') || !last.endsWith('\n') ? choice.text : `${choice.text}\n`];
}

/** The merged text with `choices` for the conflicts, by conflict index; null while one is not chosen. */
export function resolveMerge(chunks: MergeChunk[], choices: (ConflictChoice | undefined)[]) {
  const out: string[] = [];
  let conflict = 0;
  for (const chunk of chunks) {
    if (chunk.kind !== 'conflict') {
      out.push(...chunkLines(chunk, chunk.kind === 'theirs' ? 'theirs' : 'mine'));
      continue;
    }
    const choice = choices[conflict++];
    if (!choice) return null;
    out.push(...chosenLines(chunk, choice));
  }
  return out.join('');
}

/** How many conflicts the chunks hold. */
export const conflictCount = (chunks: MergeChunk[]) =>
  chunks.filter((chunk) => chunk.kind === 'conflict').length;

/** The text a conflict's "Edit" starts from: theirs, then mine (the editor trims it to what they want). */
export function editStart(chunk: Extract<MergeChunk, { kind: 'conflict' }>): string {
  return chosenLines(chunk, { take: 'both' }).join('');
}
