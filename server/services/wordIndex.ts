import type { DocumentSummary } from './summarizeDocument.ts';

// Summaries indexed per turn of the event loop while building: about 5 ms of long posts.
const DOCS_PER_TURN = 48;

/**
 * The words of many search texts, each distinct word once, with the summaries holding it
 * (postings). A search term never holds whitespace, so it is inside a text exactly when it is
 * inside one of the text's words: a term is matched against the site's distinct words (half a
 * megabyte where the texts are fifty) and the matching words' postings give the summaries.
 * Summaries the index does not hold (saved after it was built) are scanned as before.
 */
export class WordIndex {
  private constructor(
    private readonly numbers: WeakMap<DocumentSummary, number>,
    /** How many summaries the index holds. */
    readonly size: number,
    /** Every word between newlines: `\nword\nword\n`. */
    private readonly vocabulary: string,
    /** Where each word starts in `vocabulary`. */
    private readonly wordStarts: Int32Array,
    /** Word w's summaries are postings[postingStarts[w] .. postingStarts[w + 1]). */
    private readonly postingStarts: Int32Array,
    private readonly postings: Int32Array,
  ) {}

  /** Builds the index of `docs` (their search texts filled in), yielding to requests as it goes. */
  static async build(docs: readonly DocumentSummary[]): Promise<WordIndex> {
    const numbers = new WeakMap<DocumentSummary, number>();
    const ids = new Map<string, number>();
    const docStarts = new Int32Array(docs.length + 1);
    let flat = new Int32Array(1 << 16);
    let n = 0;
    for (let d = 0; d < docs.length; d++) {
      if (d % DOCS_PER_TURN === 0 && d > 0) await turn();
      const doc = docs[d]!;
      docStarts[d] = n;
      if (doc.search === null) continue; // not held: scanned once filled in
      numbers.set(doc, d);
      for (const word of doc.search.split(/\s+/)) {
        if (!word) continue;
        let id = ids.get(word);
        if (id === undefined) ids.set(word, (id = ids.size));
        if (n === flat.length) {
          const grown = new Int32Array(flat.length * 2);
          grown.set(flat);
          flat = grown;
        }
        flat[n++] = id;
      }
    }
    docStarts[docs.length] = n;
    await turn();
    // Counting sort of (word, summary) pairs by word: each word's postings in summary order.
    const postingStarts = new Int32Array(ids.size + 1);
    for (let i = 0; i < n; i++) postingStarts[flat[i]! + 1]!++;
    for (let w = 0; w < ids.size; w++) postingStarts[w + 1]! += postingStarts[w]!;
    const next = postingStarts.slice(0, ids.size);
    const postings = new Int32Array(n);
    for (let d = 0; d < docs.length; d++) {
      if (d % (DOCS_PER_TURN * 8) === 0 && d > 0) await turn();
      for (let i = docStarts[d]!; i < docStarts[d + 1]!; i++) postings[next[flat[i]!]!++] = d;
    }
    const wordStarts = new Int32Array(ids.size);
    let at = 1;
    let w = 0;
    for (const word of ids.keys()) {
      wordStarts[w++] = at;
      at += word.length + 1;
    }
    const vocabulary = `\n${[...ids.keys()].join('\n')}\n`;
    return new WordIndex(numbers, docs.length, vocabulary, wordStarts, postingStarts, postings);
  }

  /** Whether the index holds `doc` (a summary saved after the build is not held). */
  holds(doc: DocumentSummary): boolean {
    return this.numbers.has(doc);
  }

  /**
   * A test of whether a summary's search text holds `term` (folded, without whitespace): looked
   * up for the summaries the index holds, scanned for the others.
   */
  matcher(term: string): (doc: DocumentSummary) => boolean {
    const hit = new Uint8Array(this.size);
    const { vocabulary, wordStarts, postingStarts, postings } = this;
    for (let at = vocabulary.indexOf(term); at >= 0;) {
      // The word holding this occurrence: the last one starting at or before it.
      let lo = 0;
      let hi = wordStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (wordStarts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      for (let i = postingStarts[lo]!; i < postingStarts[lo + 1]!; i++) hit[postings[i]!] = 1;
      const nextWord = lo + 1 < wordStarts.length ? wordStarts[lo + 1]! : vocabulary.length;
      at = vocabulary.indexOf(term, nextWord);
    }
    return (doc) => {
      const number = this.numbers.get(doc);
      if (number !== undefined) return hit[number] === 1;
      if (doc.search === null) throw new Error('A search text is not ready.');
      return doc.search.includes(term);
    };
  }
}

/**
 * Keeps one WordIndex for the current head's summaries: built in the background the first time a
 * search needs it, built again when the summaries it does not hold (saved since) pass a fifth.
 */
export class SearchWords {
  private index: WordIndex | null = null;
  private building: Promise<void> | null = null;

  /** The index to search `docs` with (null until one is built); starts a build when due. */
  current(docs: () => DocumentSummary[]): WordIndex | null {
    const index = this.index;
    if (!this.building) {
      const all = index ? null : docs();
      const due = all !== null || unheld(index!, docs()) * 5 > index!.size;
      if (due) {
        this.building = WordIndex.build(all ?? docs())
          .then((built) => {
            this.index = built;
          })
          .catch((err: unknown) => console.error('Could not build the search word index:', err))
          .finally(() => {
            this.building = null;
          });
      }
    }
    return index;
  }

  /** Resolves when no build is under way (for tests). */
  async idle(): Promise<void> {
    while (this.building) await this.building;
  }
}

function unheld(index: WordIndex, docs: readonly DocumentSummary[]): number {
  let count = 0;
  for (const doc of docs) if (!index.holds(doc)) count++;
  return count;
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
