import { z } from 'zod';
import type { JsonValue } from './json.ts';

/** The names of Folio's field kinds, one folder each under shared/fields/. */
export const FIELD_KIND_NAMES = [
  'string',
  'text',
  'markdown',
  'boolean',
  'number',
  'datetime',
  'date',
  'select',
  'tags',
  'relation',
  'image',
  'file',
  'object',
  'list',
  'hidden',
] as const;
/** Zod schema of a field kind's name. */
export const FieldKindNameSchema = z.enum(FIELD_KIND_NAMES);
export type FieldKindName = z.infer<typeof FieldKindNameSchema>;

/** One choice of a select field: a bare value, or a value with the label the form shows. */
export type FieldOption = string | number | { label: string; value: string | number };

/** A field as a site declares it (folio.yml, a Decap config) or Folio infers it. */
export interface FieldSpec {
  /** The front matter key. */
  name: string;
  kind: FieldKindName;
  /** What the form shows instead of the key. */
  label?: string;
  /** Help text under the input. */
  hint?: string;
  /** The value a new entry starts with. */
  default?: JsonValue;
  /** The key must be present and not empty. */
  required?: boolean;
  /** A regular expression (JavaScript syntax) text values must match, with the message shown when they do not. */
  pattern?: string;
  message?: string;
  /** Bounds: length of text, items of a list, or the value of a number. */
  min?: number;
  max?: number;
  /** Numbers: whole numbers only. */
  integer?: boolean;
  /** Select: the choices. */
  options?: FieldOption[];
  /** Select, relation, image, file: a list of values instead of one. */
  multiple?: boolean;
  /** Relation: the collection whose entries are the choices, and what of them is stored (default: the slug). */
  collection?: string;
  valueField?: string;
  /** Object and list: the fields of the nested map (of each item, for a list). */
  fields?: FieldSpec[];
  /** Boolean: shown as a one-click switch in the list. */
  flag?: boolean;
  /** Offered as a filter of the list (select, tags, boolean, relation). */
  filter?: boolean;
  /** Values already used in the site, most used first (tags, relation). */
  suggestions?: string[];
  /**
   * In a collection with translations (Decap's field `i18n`): `true` (the default) each language
   * has its own value; `duplicate` a new translation gets the original's value, and the
   * translations show it locked; `false` the value is the original's only: a new translation
   * does not get the key and the translations' form does not show it.
   */
  i18n?: boolean | 'duplicate';
}

const OptionSchema = z.union([
  z.string(),
  z.number(),
  z.object({ label: z.string(), value: z.union([z.string(), z.number()]) }),
]);

/** Zod schema of a declared field (folio.yml and the API use it). */
export const FieldSpecSchema: z.ZodType<FieldSpec> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    kind: FieldKindNameSchema,
    label: z.string().optional(),
    hint: z.string().optional(),
    default: z.json().optional() as z.ZodType<JsonValue | undefined>,
    required: z.boolean().optional(),
    pattern: z.string().optional(),
    message: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    options: z.array(OptionSchema).optional(),
    multiple: z.boolean().optional(),
    collection: z.string().optional(),
    valueField: z.string().optional(),
    fields: z.array(FieldSpecSchema).optional(),
    flag: z.boolean().optional(),
    filter: z.boolean().optional(),
    suggestions: z.array(z.string()).optional(),
    i18n: z
      .union([z.boolean(), z.literal('duplicate')])
      .optional()
      .describe(
        'In a translated collection: true (each language its own value), duplicate (copied into a new translation, locked there), false (the original only)',
      ),
  }),
);

/** One thing wrong with a value: where (`tags`, `author.name`, `images.1`) and what, in a sentence. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** What each field kind is: one object per kind, the one place its rules live. */
export interface FieldKind {
  name: FieldKindName;
  /** Inference: whether `value` (under `key`) looks like this kind; asked in registry order. */
  detect(value: JsonValue, key: string): boolean;
  /** The value as the kind's input edits it, or undefined when the file's value does not fit the kind. */
  parse(value: JsonValue | undefined, spec: FieldSpec): JsonValue | undefined;
  /** The value to write for what the input holds (inverse of parse for values that fit). */
  serialize(value: JsonValue, spec: FieldSpec): JsonValue;
  /** The zod schema a present, non-empty value must satisfy (messages name the field's label). */
  schema(spec: FieldSpec): z.ZodType;
  /** The value a new field of this kind starts with. */
  empty(spec: FieldSpec): JsonValue;
}
