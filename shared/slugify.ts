// Latin letters that Unicode does not decompose into a base letter plus accents.
const LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
};

/**
 * Turns a title into a URL slug: accents folded (NFKD, combining marks dropped; ß, æ, ø, ł... spelled
 * out), lowercase, every run of other characters a single `-`, no dash at either end.
 * "Combinação Perfeita" -> "combinacao-perfeita", "Straße" -> "strasse".
 */
export function slugify(title: string): string {
  return title
    .replace(/[ßẞæÆœŒøØłŁđĐðÐþÞıħĦ]/g, (c) => LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
