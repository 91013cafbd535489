/** Folds a token for comparison: case, accents and surrounding space do not count ("Lúcia" = "lucia"). */
export function foldToken(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Splits typed or pasted text into tokens at commas and line breaks, trimmed, empty ones dropped. */
export function splitTokens(text: string): string[] {
  return text
    .split(/[,\n\r]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** What adding tokens does: the new list, and for each token given another spelling, why. */
export interface TokenAddition {
  values: string[];
  notes: string[];
}

/**
 * Adds `tokens` to `values`: one already there (in any case or accents) is not added again, and
 * one matching a suggestion takes the suggestion's spelling, so "kubernetes" becomes "Kubernetes".
 */
export function addTokens(
  values: string[],
  tokens: string[],
  suggestions: string[],
): TokenAddition {
  const next = [...values];
  const notes: string[] = [];
  const known = new Map<string, string>();
  for (const suggestion of suggestions) {
    const key = foldToken(suggestion);
    if (!known.has(key)) known.set(key, suggestion);
  }
  for (const token of tokens) {
    const key = foldToken(token);
    if (!key) continue;
    const present = next.find((value) => foldToken(value) === key);
    if (present !== undefined) {
      notes.push(
        present === token ? `“${token}” is already there.` : `Already there as “${present}”.`,
      );
      continue;
    }
    const spelling = known.get(key) ?? token;
    if (spelling !== token) notes.push(`Added as “${spelling}”, the spelling already in use.`);
    next.push(spelling);
  }
  return { values: next, notes };
}
