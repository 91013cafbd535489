import type { FrontMatterData, FrontMatterValue } from './types.ts';

/** True for a plain key-value map as front matter data uses it (not an array, not null). */
export function isDataMap(value: FrontMatterValue | undefined): value is FrontMatterData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of two front matter values; key order does not matter, as it does not for Hugo. */
export function deepEqual(
  a: FrontMatterValue | undefined,
  b: FrontMatterValue | undefined,
): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isDataMap(a) && isDataMap(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}
