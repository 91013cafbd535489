import type { Field, JsonValue } from '../../../shared/api/contract.ts';
import { IMAGE_KEYS, IMAGE_PATH, LONG_TEXT } from '../../../shared/fields/constants.ts';
import { isDateTimeString, nowWithOffset } from './dateTime.ts';

/** Which input edits a front matter value. */
export type FieldKind =
  'boolean' | 'datetime' | 'tokens' | 'images' | 'group' | 'text' | 'longtext' | 'number' | 'raw';

const DATE_KEYS = new Set(['date', 'lastmod', 'publishdate', 'expirydate', 'pubdate', 'updated']);
const LONG_KEYS = new Set(['description', 'summary', 'excerpt', 'abstract']);

const isStringList = (value: JsonValue | undefined): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const isPlainMap = (value: JsonValue | undefined): value is { [key: string]: JsonValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when `key: value` inside a map is an image path or a list of them (the library's control). */
export function isImageValue(key: string, value: JsonValue | undefined): boolean {
  if (typeof value === 'string') return IMAGE_KEYS.test(key) || IMAGE_PATH.test(value.trim());
  return (
    isStringList(value) &&
    (IMAGE_KEYS.test(key) || (value.length > 0 && value.every((v) => IMAGE_PATH.test(v.trim()))))
  );
}

// A map (PaperMod's `cover: {image, alt}`) with an image path somewhere inside it.
function holdsImage(map: { [key: string]: JsonValue }, depth: number): boolean {
  if (depth > 4) return false;
  return Object.entries(map).some(
    ([key, value]) =>
      isImageValue(key, value) || (isPlainMap(value) && holdsImage(value, depth + 1)),
  );
}

/** Chooses the input for `key` from its value, then its collection field, then its name. */
export function fieldKind(key: string, value: JsonValue | undefined, field?: Field): FieldKind {
  const lower = key.toLowerCase();
  if (typeof value === 'boolean' || (value === undefined && field?.type === 'boolean'))
    return 'boolean';
  if (typeof value === 'number' || (value === undefined && field?.type === 'number'))
    return 'number';
  if (
    IMAGE_KEYS.test(key) &&
    (typeof value === 'string' || isStringList(value) || value === undefined)
  )
    return 'images';
  // A list of image paths under any name (`gallery: [a.jpg, b.jpg]`).
  if (
    isStringList(value) &&
    value.length > 0 &&
    value.every((item) => IMAGE_PATH.test(item.trim()))
  )
    return 'images';
  if (isPlainMap(value) && holdsImage(value, 0)) return 'group';
  if (isStringList(value) || (value === undefined && field?.type === 'list')) return 'tokens';
  if (typeof value === 'string' || value === undefined) {
    if (field?.type === 'datetime' || field?.type === 'date' || DATE_KEYS.has(lower))
      return 'datetime';
    if (value && isDateTimeString(value) && value.length > 10) return 'datetime';
    if (
      LONG_KEYS.has(lower) ||
      field?.type === 'text' ||
      (value?.length ?? 0) > LONG_TEXT ||
      value?.includes('\n')
    )
      return 'longtext';
    if (field?.type === 'object' || field?.type === 'unknown')
      return value === undefined ? 'raw' : 'text';
    return 'text';
  }
  return 'raw';
}

/** The empty value a new field of `kind` starts with. */
export function emptyValue(kind: FieldKind): JsonValue {
  switch (kind) {
    case 'boolean':
      return false;
    case 'number':
      return 0;
    case 'tokens':
    case 'images':
      return [];
    case 'raw':
      return null;
    default:
      return '';
  }
}

/** The types an editor can give a key of their own ("Add a field -> Other key"). */
export type NewKeyType = 'text' | 'number' | 'boolean' | 'list' | 'date' | 'raw';

/** The choices of type for a new key, in the order offered. */
export const NEW_KEY_TYPES: { type: NewKeyType; label: string }[] = [
  { type: 'text', label: 'Text' },
  { type: 'number', label: 'Number' },
  { type: 'boolean', label: 'Yes/no' },
  { type: 'list', label: 'List' },
  { type: 'date', label: 'Date and time' },
  { type: 'raw', label: 'Other (JSON)' },
];

/** The first value of a new key of `type`, from which the form picks the matching input. */
export function newKeyValue(type: NewKeyType, now = new Date()): JsonValue {
  switch (type) {
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'list':
      return [];
    case 'date':
      return nowWithOffset(now);
    case 'raw':
      return null;
    default:
      return '';
  }
}
