import { FrontMatterError } from './FrontMatterError.ts';
import { MAX_NESTING_DEPTH, formatPath, hasLoneSurrogate, isForbiddenKey } from './limits.ts';
import type { DataPath, FrontMatterData, FrontMatterValue } from './types.ts';

function fail(
  reason: 'unsupported_value' | 'forbidden_key' | 'too_large',
  path: DataPath,
  what: string,
): never {
  throw new FrontMatterError(reason, `Cannot write ${formatPath(path)}: ${what}.`);
}

function checkString(text: string, path: DataPath, what: string): void {
  if (hasLoneSurrogate(text))
    fail(
      'unsupported_value',
      path,
      `the ${what} contains half of a surrogate pair, which UTF-8 cannot store; remove it`,
    );
}

function checkValue(
  value: unknown,
  path: DataPath,
  depth: number,
  seen: Set<object>,
): FrontMatterValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    checkString(value, path, 'text');
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      fail(
        'unsupported_value',
        path,
        `${String(value)} is not a number JSON, YAML and TOML agree on; use a finite number`,
      );
    return Object.is(value, -0) ? 0 : value;
  }
  if (typeof value !== 'object')
    fail(
      'unsupported_value',
      path,
      `a ${typeof value} is not front matter data; use text, a number, true/false, null, a list or a map`,
    );
  if (depth > MAX_NESTING_DEPTH)
    fail('too_large', path, `values are nested deeper than ${MAX_NESTING_DEPTH} levels`);
  if (seen.has(value)) fail('unsupported_value', path, 'the value contains itself');
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item, index) => {
        const checked = checkValue(item, [...path, index], depth + 1, seen);
        return checked === undefined ? null : checked;
      });
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      fail(
        'unsupported_value',
        path,
        'only plain objects can be written (a Date must be passed as its text, e.g. "2025-04-18T10:00:00-06:00")',
      );
    }
    const out: FrontMatterData = {};
    for (const [key, item] of Object.entries(value)) {
      if (isForbiddenKey(key))
        fail(
          'forbidden_key',
          [...path, key],
          `"${key}" is not allowed as a key because it can alter object prototypes; rename it`,
        );
      checkString(key, [...path, key], 'key');
      const checked = checkValue(item, [...path, key], depth + 1, seen);
      if (checked !== undefined) out[key] = checked;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Checks caller-supplied data before writing and returns a clean copy (undefined map entries dropped, -0 as 0); throws FrontMatterError on values no format can hold. */
export function validateData(data: unknown): FrontMatterData {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new FrontMatterError('not_a_map', 'Front matter data must be a map of keys to values.');
  }
  return checkValue(data, [], 0, new Set()) as FrontMatterData;
}
