import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunkLines,
  conflictCount,
  merge3,
  resolveMerge,
  splitLines,
  type MergeChunk,
} from '../../client/src/lib/merge3.ts';

/** Texts from few distinct lines, so that sides share lines and diffs have choices to make. */
const line = fc.constantFrom('a\n', 'b\n', 'c\n', 'd\n', '\n', 'e');
const text = fc.array(line, { maxLength: 12 }).map((lines) => lines.join(''));
/** A side made from the base by a few line edits (so sides look like edits, not unrelated texts). */
const editOf = (base: string) =>
  fc
    .array(fc.tuple(fc.nat(12), fc.nat(3), fc.array(line, { maxLength: 3 })), { maxLength: 3 })
    .map((edits) => {
      const lines = splitLines(base);
      for (const [at, remove, insert] of edits)
        lines.splice(at % (lines.length + 1), remove, ...insert);
      return lines.join('');
    });
const triple = text.chain((base) =>
  fc.tuple(fc.constant(base), fc.oneof(editOf(base), text), fc.oneof(editOf(base), text)),
);
const rebuild = (chunks: MergeChunk[], side: 'base' | 'theirs' | 'mine') =>
  chunks.flatMap((chunk) => chunkLines(chunk, side)).join('');

describe('three-way merge of the body (merge3)', () => {
  it('keeps each of the three texts whole in its chunks', () => {
    fc.assert(
      fc.property(triple, ([base, theirs, mine]) => {
        const chunks = merge3(base, theirs, mine);
        expect(rebuild(chunks, 'base')).toBe(base);
        expect(rebuild(chunks, 'theirs')).toBe(theirs);
        expect(rebuild(chunks, 'mine')).toBe(mine);
      }),
      { numRuns: 500 },
    );
  });

  it('takes the one side that changed, with no conflict', () => {
    fc.assert(
      fc.property(triple, ([base, theirs, mine]) => {
        expect(resolveMerge(merge3(base, theirs, base), [])).toBe(theirs);
        expect(resolveMerge(merge3(base, base, mine), [])).toBe(mine);
        expect(conflictCount(merge3(base, mine, mine))).toBe(0);
        expect(resolveMerge(merge3(base, mine, mine), [])).toBe(mine);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same chunks with the sides swapped, their kinds swapped', () => {
    const swap = (chunk: MergeChunk): MergeChunk =>
      chunk.kind === 'theirs'
        ? { kind: 'mine', base: chunk.base, mine: chunk.theirs }
        : chunk.kind === 'mine'
          ? { kind: 'theirs', base: chunk.base, theirs: chunk.mine }
          : chunk.kind === 'conflict'
            ? { ...chunk, theirs: chunk.mine, mine: chunk.theirs }
            : chunk;
    fc.assert(
      fc.property(triple, ([base, theirs, mine]) => {
        expect(merge3(base, mine, theirs)).toEqual(merge3(base, theirs, mine).map(swap));
      }),
      { numRuns: 300 },
    );
  });

  it('applies both sides when they changed different lines', () => {
    const distinct = fc.uniqueArray(fc.integer({ min: 0, max: 999 }), {
      minLength: 2,
      maxLength: 15,
    });
    fc.assert(
      fc.property(
        distinct.chain((ids) =>
          fc.tuple(fc.constant(ids), fc.nat(ids.length - 1), fc.nat(ids.length - 1)),
        ),
        ([ids, i, j]) => {
          fc.pre(i !== j);
          const lines = ids.map((id) => `line ${id}\n`);
          const theirs = lines.with(i, 'theirs\n');
          const mine = lines.with(j, 'mine\n');
          const chunks = merge3(lines.join(''), theirs.join(''), mine.join(''));
          expect(conflictCount(chunks)).toBe(0);
          expect(resolveMerge(chunks, [])).toBe(
            lines.with(i, 'theirs\n').with(j, 'mine\n').join(''),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('marks the same lines changed differently as a conflict, settled per choice', () => {
    const base = 'intro\nshared line\noutro\n';
    const chunks = merge3(base, 'intro\ntheir line\noutro\n', 'intro\nmy line\noutro\nmore\n');
    expect(chunks.map((chunk) => chunk.kind)).toEqual(['same', 'conflict', 'same', 'mine']);
    expect(resolveMerge(chunks, [])).toBeNull();
    expect(resolveMerge(chunks, [{ take: 'theirs' }])).toBe('intro\ntheir line\noutro\nmore\n');
    expect(resolveMerge(chunks, [{ take: 'mine' }])).toBe('intro\nmy line\noutro\nmore\n');
    expect(resolveMerge(chunks, [{ take: 'both' }])).toBe(
      'intro\ntheir line\nmy line\noutro\nmore\n',
    );
    expect(resolveMerge(chunks, [{ take: 'edit', text: 'our line' }])).toBe(
      'intro\nour line\noutro\nmore\n',
    );
  });

  it('does not run "both" together when the text ends without a newline', () => {
    const chunks = merge3('a\nb', 'a\nB', 'a\nC');
    expect(resolveMerge(chunks, [{ take: 'both' }])).toBe('a\nB\nC');
  });

  it('sees the same change on both sides as agreed, and an insertion at one place by both as a conflict', () => {
    expect(merge3('a\n', 'a\nx\n', 'a\nx\n').map((c) => c.kind)).toEqual(['same', 'agreed']);
    expect(merge3('a\n', 'a\nx\n', 'a\ny\n').map((c) => c.kind)).toEqual(['same', 'conflict']);
  });
});
