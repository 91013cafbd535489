/** Lowercases and strips accents so that "Combinação" matches "combinacao" in searches and filters. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
