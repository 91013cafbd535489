import type { Collection, Entry } from '../../../shared/api/contract.ts';
import { labelOf } from '../../../shared/fields/messages.ts';
import { languageName } from './languageNames.ts';

/** What a translation's form does with the collection's fields, from their `i18n`. */
export interface TranslationFieldRules {
  /** Keys the form leaves out (`i18n: false`: the original's only), kept as they are on save. */
  hidden: Set<string>;
  /** The labels of those fields, for the note naming them. */
  hiddenLabels: string[];
  /** Keys shown locked (`i18n: duplicate`), each with the reason. */
  locked: Record<string, string>;
  /** The original's language name ("English"). */
  original: string;
}

/**
 * The rules for `entry`'s form when it is a translation in a declared collection with
 * translations (its language is not the collection's original one), else null: as Decap does,
 * `i18n: false` fields are not shown and `i18n: duplicate` fields are changed in the original.
 */
export function translationFieldRules(
  entry: Entry,
  collection: Collection | undefined,
): TranslationFieldRules | null {
  const originalLanguage = entry.originalLanguage;
  if (!collection?.declared || !originalLanguage || entry.lang === originalLanguage) return null;
  const original = languageName(originalLanguage, entry.languageNames);
  const hiddenFields = collection.fields.filter((f) => f.i18n === false && f.kind !== 'hidden');
  const locked: Record<string, string> = {};
  for (const field of collection.fields)
    if (field.i18n === 'duplicate')
      locked[field.name] = `The same in every language: change it in the ${original} version.`;
  return {
    hidden: new Set(hiddenFields.map((f) => f.name)),
    hiddenLabels: hiddenFields.map((f) => labelOf(f)),
    locked,
    original,
  };
}
