import type { FieldOption, FieldSpec } from '../../../shared/fields/types.ts';
import type { SchemaProblem } from '../../../shared/schema/siteSchema.ts';

/** A map read from the config, not yet checked. */
export type Raw = Record<string, unknown>;

/** True for a YAML map (not a list, not a scalar). */
export const isRaw = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Decap widgets with a Folio kind of the same meaning. */
const SAME_KIND: Record<string, FieldSpec['kind']> = {
  string: 'string',
  text: 'text',
  markdown: 'markdown',
  boolean: 'boolean',
  number: 'number',
  datetime: 'datetime',
  date: 'date',
  select: 'select',
  object: 'object',
  relation: 'relation',
  image: 'image',
  file: 'file',
  hidden: 'hidden',
  list: 'list',
};

/** Keys Folio reads, per field (anything else is reported, unless it only changes Decap's looks). */
const READ_KEYS = new Set([
  'name',
  'label',
  'widget',
  'hint',
  'default',
  'required',
  'pattern',
  'min',
  'max',
  'value_type',
  'valueType',
  'options',
  'multiple',
  'collection',
  'value_field',
  'valueField',
  'fields',
  'field',
  'time_format',
  'media_library',
  // Read by the collection (mapDecapConfig), for its top-level fields.
  'i18n',
]);
/** Keys that only change how Decap shows a field: nothing is lost without them. */
const LOOKS_KEYS = new Set([
  'collapsed',
  'summary',
  'label_singular',
  'minimize_collapsed',
  'add_to_top',
  'allow_add',
  'comment',
  'step',
  'date_format',
  'format',
  'picker_utc',
  'display_fields',
  'search_fields',
  'options_length',
  'buttons',
  'editor_components',
  'modes',
  'allow_multiple',
  'choose_url',
]);

// Decap's pattern: [regex, message].
function patternOf(raw: Raw, spec: FieldSpec, where: string, problems: SchemaProblem[]): void {
  if (raw.pattern === undefined) return;
  const [regex, message] = Array.isArray(raw.pattern) ? raw.pattern : [raw.pattern];
  try {
    new RegExp(String(regex));
    spec.pattern = String(regex);
    if (message !== undefined) spec.message = String(message);
  } catch {
    problems.push({
      path: where,
      message: `The pattern ${JSON.stringify(regex)} is not a valid regular expression: it is not checked.`,
    });
  }
}

function optionsOf(raw: Raw): FieldOption[] {
  if (!Array.isArray(raw.options)) return [];
  return raw.options.flatMap((option): FieldOption[] => {
    if (typeof option === 'string' || typeof option === 'number') return [option];
    if (isRaw(option) && (typeof option.value === 'string' || typeof option.value === 'number'))
      return [{ label: String(option.label ?? option.value), value: option.value }];
    return [];
  });
}

/**
 * One Decap/Sveltia field mapped onto Folio's kinds, or null when it cannot be used at all (no
 * name). What changes meaning on the way (an unknown widget shown as text, a typed list) is
 * reported in `problems` under `where`, never dropped without a word.
 */
export function mapDecapField(
  raw: unknown,
  where: string,
  problems: SchemaProblem[],
): FieldSpec | null {
  if (!isRaw(raw) || typeof raw.name !== 'string' || raw.name === '') {
    problems.push({ path: where, message: 'A field without a name: left out.' });
    return null;
  }
  const widget = typeof raw.widget === 'string' ? raw.widget : 'string';
  const at = `${where} (${raw.name})`;
  let kind = SAME_KIND[widget];
  if (!kind) {
    kind = 'string';
    problems.push({
      path: at,
      message: `The widget "${widget}" has no Folio input: the field is edited as one line of text.`,
    });
  }
  const spec: FieldSpec = { name: raw.name, kind };
  if (typeof raw.label === 'string') spec.label = raw.label;
  if (typeof raw.hint === 'string') spec.hint = raw.hint;
  if (raw.default !== undefined) spec.default = raw.default as FieldSpec['default'];
  // Decap's fields are required unless they say otherwise.
  if (raw.required !== false && kind !== 'boolean' && kind !== 'hidden') spec.required = true;
  patternOf(raw, spec, at, problems);
  if (typeof raw.min === 'number') spec.min = raw.min;
  if (typeof raw.max === 'number') spec.max = raw.max;
  if ((raw.value_type ?? raw.valueType) === 'int') spec.integer = true;
  if (widget === 'datetime' && raw.time_format === false) spec.kind = 'date';
  if (kind === 'select') spec.options = optionsOf(raw);
  const libraryMultiple =
    isRaw(raw.media_library) && isRaw(raw.media_library.config)
      ? raw.media_library.config.multiple
      : undefined;
  if (raw.multiple === true || libraryMultiple === true) spec.multiple = true;
  if (kind === 'relation') {
    if (typeof raw.collection === 'string') spec.collection = raw.collection;
    const valueField = raw.value_field ?? raw.valueField;
    if (typeof valueField === 'string' && valueField !== '{{slug}}') spec.valueField = valueField;
  }
  if (kind === 'object' || kind === 'list') mapNested(raw, spec, at, problems);
  const unused = Object.keys(raw).filter((key) => !READ_KEYS.has(key) && !LOOKS_KEYS.has(key));
  if (unused.length)
    problems.push({ path: at, message: `Not used by Folio: ${unused.join(', ')}.` });
  return spec;
}

// Object fields, lists of objects, lists of one field, and plain lists (tags).
function mapNested(raw: Raw, spec: FieldSpec, at: string, problems: SchemaProblem[]): void {
  if (Array.isArray(raw.fields)) {
    spec.fields = raw.fields
      .map((field, i) => mapDecapField(field, `${at}.fields.${i}`, problems))
      .filter((field): field is FieldSpec => field !== null);
    return;
  }
  if (spec.kind === 'object') {
    problems.push({ path: at, message: 'An object without fields: its value is kept as it is.' });
    return;
  }
  if (Array.isArray(raw.types)) {
    problems.push({
      path: at,
      message:
        'A list of typed items (types): the items are kept as they are, not edited one by one.',
    });
    return;
  }
  const single = isRaw(raw.field) ? mapDecapField(raw.field, `${at}.field`, problems) : null;
  if (!single || single.kind === 'string') {
    spec.kind = 'tags';
    return;
  }
  problems.push({
    path: at,
    message: `A list of single ${single.kind} values: edited as a plain list.`,
  });
}
