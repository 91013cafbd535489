import type { Field, JsonValue } from '../../../shared/api/contract.ts';
import { IMAGE_KEYS, IMAGE_PATH, LONG_TEXT } from '../../../shared/fields/constants.ts';
import { initialValue, kindOf } from '../../../shared/fields/registry.ts';
import type { FieldKindName } from '../../../shared/fields/types.ts';
import { isDateTimeString, nowWithOffset } from './dateTime.ts';

/** Which input edits a front matter value: a field kind's, or the raw JSON editor. */
export type InputKind = FieldKindName | 'raw';

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

/**
 * Chooses the input for `key`: a declared field's kind when the value fits it (or is absent),
 * else what the value looks like, then the inferred field's kind, then the key's name.
 */
export function inputKind(
  key: string,
  value: JsonValue | undefined,
  field?: Field,
  declared = false,
): InputKind {
  if (
    field &&
    declared &&
    (value === undefined || value === null || kindOf(field.kind).parse(value, field) !== undefined)
  )
    return field.kind;
  const kind = field?.kind;
  const lower = key.toLowerCase();
  if (typeof value === 'boolean' || (value === undefined && kind === 'boolean')) return 'boolean';
  if (typeof value === 'number' || (value === undefined && kind === 'number')) return 'number';
  if (
    IMAGE_KEYS.test(key) &&
    (typeof value === 'string' || isStringList(value) || value === undefined)
  )
    return 'image';
  if (value === undefined && kind === 'image') return 'image';
  // A list of image paths under any name (`gallery: [a.jpg, b.jpg]`).
  if (
    isStringList(value) &&
    value.length > 0 &&
    value.every((item) => IMAGE_PATH.test(item.trim()))
  )
    return 'image';
  if (isPlainMap(value) && holdsImage(value, 0)) return 'object';
  if (isStringList(value) || (value === undefined && kind === 'tags')) return 'tags';
  if (typeof value === 'string' || value === undefined) {
    if (kind === 'datetime' || kind === 'date' || DATE_KEYS.has(lower)) return 'datetime';
    if (value && isDateTimeString(value) && value.length > 10) return 'datetime';
    if (
      LONG_KEYS.has(lower) ||
      kind === 'text' ||
      (value?.length ?? 0) > LONG_TEXT ||
      value?.includes('\n')
    )
      return 'text';
    if (value === undefined && kind !== undefined && kind !== 'string') return 'raw';
    return 'string';
  }
  return 'raw';
}

/** The empty value a new field edited with `kind` starts with (a declared field: its default). */
export function emptyValue(kind: InputKind, field?: Field): JsonValue {
  if (field && kind === field.kind) return initialValue(field);
  switch (kind) {
    case 'boolean':
      return false;
    case 'number':
      return 0;
    case 'tags':
    case 'list':
      return [];
    case 'image':
    case 'file':
      return field?.multiple ? [] : '';
    case 'object':
      return {};
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
