import type { Field, JsonValue } from '../../../shared/api/contract.ts';
import { IMAGE_KEYS, LONG_TEXT } from '../../../shared/fields/constants.ts';
import { isDateTimeString, nowWithOffset } from './dateTime.ts';

/** Which input edits a front matter value. */
export type FieldKind =
  'boolean' | 'datetime' | 'tokens' | 'images' | 'text' | 'longtext' | 'number' | 'raw';

const DATE_KEYS = new Set(['date', 'lastmod', 'publishdate', 'expirydate', 'pubdate', 'updated']);
const LONG_KEYS = new Set(['description', 'summary', 'excerpt', 'abstract']);

const isStringList = (value: JsonValue | undefined): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

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
