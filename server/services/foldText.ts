// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/** Lowercases and strips accents so that "Combinação" matches "combinacao" in searches and filters. */
export function foldText(text: string): string {
  // Plain ASCII has no accents to strip: lowercasing is all (most posts, and a third of the time).
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
