/**
 * Turns a title into a URL slug: accents folded (NFKD, combining marks dropped), lowercase,
 * every run of other characters a single `-`, no dash at either end.
 * "Combinação Perfeita" -> "combinacao-perfeita".
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
