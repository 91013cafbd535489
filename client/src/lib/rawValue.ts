import type { JsonValue } from '../../../shared/api/contract.ts';

/** Result of reading a raw front matter value typed by the editor. */
export type RawParse = { ok: true; value: JsonValue } | { ok: false; error: string };

/**
 * Reads a raw value the YAML-ish way: JSON when it is JSON (`true`, `3`, `null`, `[..]`, `{..}`, `".."`),
 * otherwise the text itself as a string; text that starts like JSON but is not valid is an error.
 */
export function parseRawValue(text: string): RawParse {
  const trimmed = text.trim();
  try {
    return { ok: true, value: JSON.parse(trimmed) as JsonValue };
  } catch (err) {
    if (/^[[{"]/.test(trimmed))
      return { ok: false, error: `Not valid JSON: ${(err as Error).message}` };
    return { ok: true, value: text };
  }
}

/** Shows a value so that parseRawValue reads it back unchanged. */
export function formatRawValue(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    const back = parseRawValue(value);
    return back.ok && back.value === value ? value : JSON.stringify(value);
  }
  return typeof value === 'object' && value !== null
    ? JSON.stringify(value, null, 2)
    : JSON.stringify(value);
}
