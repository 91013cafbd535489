/** Largest front matter, in UTF-8 bytes, that the engine reads or writes; larger blocks are refused before parsing. */
export const MAX_FRONT_MATTER_BYTES = 256 * 1024;

/** Deepest nesting of maps and lists accepted; deeper input is refused rather than risking stack exhaustion. */
export const MAX_NESTING_DEPTH = 64;

/** Most values a YAML document may expand to through aliases, which stops "billion laughs" documents. */
export const MAX_ALIAS_EXPANSION = 10_000;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True for keys that could reach Object.prototype in code that later merges the data. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** UTF-8 length of a string without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** True when a string holds half of a surrogate pair, which UTF-8 files cannot store. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Formats a data path the way messages show it, e.g. `params.images[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(front matter)' : out;
}

/** What is wrong with a key read from a file, as the readers report it, or null when it is fine. */
export function keyProblem(
  key: string,
  path: readonly (string | number)[],
): { reason: 'forbidden_key' | 'unsupported_value'; what: string; fix: string } | null {
  if (isForbiddenKey(key)) {
    return {
      reason: 'forbidden_key',
      what: `The key "${key}" in ${formatPath(path)} is not allowed because it can alter object prototypes`,
      fix: 'rename the key.',
    };
  }
  if (hasLoneSurrogate(key)) {
    return {
      reason: 'unsupported_value',
      what: `A key in ${formatPath(path)} contains half of a surrogate pair`,
      fix: 'remove the invalid \\u escape.',
    };
  }
  return null;
}
