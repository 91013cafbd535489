import type { FieldSpec } from '../../../shared/fields/types.ts';
import type { CollectionI18n, SchemaProblem } from '../../../shared/schema/siteSchema.ts';
import { type Raw, isRaw } from './mapDecapField.ts';

const STRUCTURES = new Set(['multiple_files', 'multiple_folders', 'single_file']);
/** i18n keys that only change Decap's or Sveltia's editor (which panes open, what is saved). */
const LOOKS_KEYS = new Set([
  'initial_locales',
  'save_all_locales',
  'omit_default_locale_from_preview_path',
]);

/**
 * A collection's Decap/Sveltia `i18n` (the top level's, merged with the collection's own; the
 * collection must say `i18n: true` or give an object, as in Decap), or null when it has none or
 * Folio cannot use it (reported in `problems`).
 */
export function mapDecapI18n(
  top: unknown,
  own: unknown,
  at: string,
  problems: SchemaProblem[],
): CollectionI18n | null {
  if (own === undefined || own === false) return null;
  if (!isRaw(top)) {
    problems.push({
      path: at,
      message:
        'i18n without a top-level i18n (structure, locales): Decap ignores it, and so does Folio.',
    });
    return null;
  }
  const merged: Raw = { ...top, ...(isRaw(own) ? own : {}) };
  // Sveltia's default (Decap requires one).
  const structure = typeof merged.structure === 'string' ? merged.structure : 'single_file';
  if (!STRUCTURES.has(structure)) {
    problems.push({
      path: at,
      message: `The i18n structure ${structure} is not one Folio can map (multiple_files, multiple_folders, single_file): the collection is edited without translations.`,
    });
    return null;
  }
  const locales = Array.isArray(merged.locales)
    ? merged.locales.filter((l): l is string => typeof l === 'string' && l !== '')
    : [];
  if (!locales.length) {
    problems.push({
      path: at,
      message: 'i18n without locales: the collection is edited without translations.',
    });
    return null;
  }
  const given = merged.default_locale ?? merged.defaultLocale;
  const i18n: CollectionI18n = {
    structure: structure as CollectionI18n['structure'],
    locales,
    defaultLocale: typeof given === 'string' && locales.includes(given) ? given : locales[0]!,
  };
  const omit =
    merged.omit_default_locale_from_file_path ?? merged.omit_default_locale_from_filename;
  if (omit === true) i18n.omitDefaultLocale = true;
  const key = isRaw(merged.canonical_slug) ? merged.canonical_slug.key : undefined;
  if (typeof key === 'string' && key !== 'translationKey')
    problems.push({
      path: at,
      message: `canonical_slug.key ${key}: Folio links translations as Hugo does, by translationKey (or the path).`,
    });
  const unused = Object.keys(merged).filter(
    (k) =>
      ![
        'structure',
        'locales',
        'default_locale',
        'defaultLocale',
        'omit_default_locale_from_file_path',
        'omit_default_locale_from_filename',
        'canonical_slug',
      ].includes(k) && !LOOKS_KEYS.has(k),
  );
  if (unused.length)
    problems.push({ path: at, message: `Not used by Folio: i18n ${unused.join(', ')}.` });
  return i18n;
}

/** Decap's field `i18n` (true or translate, duplicate, false or none; absent is none) as Folio's. */
export function fieldI18nOf(raw: unknown): FieldSpec['i18n'] {
  if (raw === true || raw === 'translate') return true;
  if (raw === 'duplicate') return 'duplicate';
  return false;
}

/**
 * single_file: the file holds one map per locale (`en: {title, body}`); the form edits each as a
 * group of the collection's fields, those with `i18n: false` in the default locale's only.
 */
export function singleFileFields(fields: FieldSpec[], i18n: CollectionI18n): FieldSpec[] {
  const plain = fields.map(({ i18n: _, ...field }) => field);
  return (i18n.locales ?? []).map((locale) => ({
    name: locale,
    kind: 'object',
    label: locale,
    fields:
      locale === i18n.defaultLocale ? plain : plain.filter((_, i) => fields[i]!.i18n !== false),
  }));
}
