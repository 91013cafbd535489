import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../server/services/summarizeDocument.ts';
import { SearchWords, WordIndex } from '../../server/services/wordIndex.ts';

// Only the search text matters to the index.
const doc = (search: string | null) => ({ search }) as DocumentSummary;
const textArb = fc
  .array(fc.constantFrom('a', 'b', 'ab', 'ba', 'ç', 'é', "don't", '-', '’', ' ', '\n', '  '), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));
const termArb = fc
  .array(fc.constantFrom('a', 'b', 'ç', 'é', "'", '-', 'n', 'o'), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''));

describe('the search word index', () => {
  it('answers exactly as scanning each search text, for held and unheld summaries (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(textArb, { maxLength: 8 }),
        fc.array(textArb, { maxLength: 3 }),
        fc.array(termArb, { minLength: 1, maxLength: 4 }),
        async (held, later, terms) => {
          const docs = held.map(doc);
          const index = await WordIndex.build(docs);
          const saved = later.map(doc);
          for (const term of terms) {
            const test = index.matcher(term);
            for (const d of [...docs, ...saved]) expect(test(d)).toBe(d.search!.includes(term));
          }
          for (const d of docs) expect(index.holds(d)).toBe(true);
          for (const d of saved) expect(index.holds(d)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds no summary whose text was not filled in, and builds over many turns', async () => {
    const docs = Array.from({ length: 500 }, (_, i) =>
      doc(i === 7 ? null : `post ${i} kubernetes`),
    );
    const index = await WordIndex.build(docs);
    expect(index.holds(docs[7]!)).toBe(false);
    const filled = docs.filter((d) => d.search !== null);
    expect(filled.filter(index.matcher('kube')).length).toBe(499);
    expect(filled.filter(index.matcher('post')).length).toBe(499);
    expect(filled.filter(index.matcher('12')).length).toBe(15); // 12, 112, 120-129, 212, 312, 412
    expect(() => index.matcher('post')(docs[7]!)).toThrow(/not ready/);
  });

  it('is built on first use, then again once a fifth of the summaries are newer', async () => {
    const words = new SearchWords();
    let docs = Array.from({ length: 10 }, (_, i) => doc(`word${i}`));
    expect(words.current(() => docs)).toBeNull();
    await words.idle();
    const first = words.current(() => docs)!;
    expect(first.holds(docs[0]!)).toBe(true);
    docs = [...docs.slice(0, 8), doc('new one'), doc('new two')];
    expect(words.current(() => docs)).toBe(first); // 2 of 10 newer: not yet
    docs = [...docs.slice(0, 7), doc('new three'), ...docs.slice(8)];
    expect(words.current(() => docs)).toBe(first); // served by the old one while it builds
    await words.idle();
    const second = words.current(() => docs)!;
    expect(second).not.toBe(first);
    expect(second.holds(docs[7]!)).toBe(true);
  });
});
