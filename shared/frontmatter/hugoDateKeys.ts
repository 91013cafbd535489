// Hugo's date keys (matched case-insensitively, as Hugo lowercases front matter keys). New values under them are
// written unquoted, as Hugo's own docs write dates: a TOML datetime, a YAML timestamp (which go-yaml hands Hugo as text).
const HUGO_DATE_KEYS = new Set([
  'date',
  'lastmod',
  'publishdate',
  'expirydate',
  'pubdate',
  'published',
  'modified',
  'unpublishdate',
]);

/** True for front matter keys whose values Hugo reads as dates. */
export function isHugoDateKey(key: string): boolean {
  return HUGO_DATE_KEYS.has(key.toLowerCase());
}
