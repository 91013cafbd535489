const displayNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

/** A language's name for the editor: the site's `languageName`, else its English name ("pt-br" -> "Brazilian Portuguese"), else the code. */
export function languageName(code: string, siteNames: Record<string, string> = {}): string {
  const own = siteNames[code];
  if (own) return own;
  try {
    const name = displayNames?.of(code);
    if (name && name.toLowerCase() !== code.toLowerCase()) return name;
  } catch {
    // Not a BCP 47 tag (Hugo allows any code): the code itself.
  }
  return code;
}
