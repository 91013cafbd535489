import { booleanKind } from './boolean/index.ts';
import { dateKind } from './date/index.ts';
import { datetimeKind } from './datetime/index.ts';
import { fileKind } from './file/index.ts';
import { hiddenKind } from './hidden/index.ts';
import { imageKind } from './image/index.ts';
import type { JsonValue } from './json.ts';
import { listKind } from './list/index.ts';
import { markdownKind } from './markdown/index.ts';
import { numberKind } from './number/index.ts';
import { objectKind } from './object/index.ts';
import { relationKind } from './relation/index.ts';
import { selectKind } from './select/index.ts';
import { stringKind } from './string/index.ts';
import { tagsKind } from './tags/index.ts';
import { textKind } from './text/index.ts';
import type { FieldKind, FieldKindName, FieldSpec } from './types.ts';

/** Every field kind by name. */
export const FIELD_KINDS: Record<FieldKindName, FieldKind> = {
  string: stringKind,
  text: textKind,
  markdown: markdownKind,
  boolean: booleanKind,
  number: numberKind,
  datetime: datetimeKind,
  date: dateKind,
  select: selectKind,
  tags: tagsKind,
  relation: relationKind,
  image: imageKind,
  file: fileKind,
  object: objectKind,
  list: listKind,
  hidden: hiddenKind,
};

// The order inference asks in: the most specific first (an image key's list before tags, long text before string).
const DETECT_ORDER: FieldKind[] = [
  booleanKind,
  numberKind,
  datetimeKind,
  dateKind,
  imageKind,
  tagsKind,
  listKind,
  objectKind,
  textKind,
  stringKind,
];

/** The kind object of `name`. */
export function kindOf(name: FieldKindName): FieldKind {
  return FIELD_KINDS[name];
}

/** The kind a value under `key` looks like; null for null (a value that says nothing). */
export function detectKind(key: string, value: JsonValue): FieldKindName | null {
  if (value === null) return null;
  for (const kind of DETECT_ORDER) if (kind.detect(value, key)) return kind.name;
  return null;
}

/** The kind the form edits `value` with: the field's when the value fits it (or is absent), else what the value looks like. */
export function kindFor(
  key: string,
  value: JsonValue | undefined,
  spec?: FieldSpec,
): FieldKindName {
  if (
    spec &&
    (value === undefined || value === null || kindOf(spec.kind).parse(value, spec) !== undefined)
  )
    return spec.kind;
  if (value === undefined || value === null) return 'string';
  return detectKind(key, value) ?? 'string';
}

/** The value a new field starts with: its default, else its kind's empty value. */
export function initialValue(spec: FieldSpec): JsonValue {
  return spec.default !== undefined ? spec.default : kindOf(spec.kind).empty(spec);
}
