// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;
// Typographic quotes and dashes, as editors and word processors type them.
const PUNCTUATION = /[\u2010-\u2015\u2212\u2018-\u201b\u2032\u201c-\u201f\u2033]/g;
const PLAIN: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
};

/**
 * Lowercases, strips accents and makes typographic quotes and dashes plain, so that "Combinação"
 * matches "combinacao" and "don’t" matches "don't" in searches and filters.
 */
export function foldText(text: string): string {
  // Plain ASCII has no accents to strip: lowercasing is all (most posts, and a third of the time).
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(PUNCTUATION, (c) => PLAIN[c] ?? '-')
    .toLowerCase();
}

// eslint-disable-next-line no-control-regex -- the whole Latin-1 range, control characters included
const LATIN1 = /^[\x00-\xff]*$/;

/**
 * `text`, stored one byte a character when it can be. V8 keeps what is cut, replaced or joined
 * from a two-byte string two-byte, even once every character fits in one byte (a post with one
 * curly quote, folded): a copy through Latin-1 halves the memory it keeps and its searches scan.
 */
export function oneByte(text: string): string {
  return LATIN1.test(text) ? Buffer.from(text, 'latin1').toString('latin1') : text;
}

/** True when every character of `text` fits in one byte (Latin-1). */
export function fitsOneByte(text: string): boolean {
  return LATIN1.test(text);
}
