import type { FrontMatter } from '../../shared/api/contract.ts';
import type { FieldSpec } from '../../shared/fields/types.ts';
import type { DeclaredCollection } from '../../shared/schema/siteSchema.ts';
import { UnparseableError } from '../errors.ts';
import type { CommitPlan, StoreHead } from '../git/GitStore.ts';
import { translationsOf } from './translations.ts';
import { type WriteSupport, rewriteText } from './writeSupport.ts';

/** The edits that carry an original's `i18n: duplicate` values into its translations. */
export interface DuplicatedValues {
  /** One change per translation whose file the copy altered. */
  changes: StoreChange[];
  /** For the commit message: what was copied where. */
  note: string | null;
}

type StoreChange = CommitPlan['changes'][number];

const NONE: DuplicatedValues = { changes: [], note: null };

/**
 * As Decap writes every language on each save: when the original version of an entry in a
 * declared collection with translations changes a field declared `i18n: duplicate`, the same
 * value (or its removal) goes into each existing translation, in the same commit. Translations'
 * other keys, their order and their bodies are left as written.
 */
export async function duplicatedValues(
  support: WriteSupport,
  head: StoreHead,
  id: string,
  collection: DeclaredCollection,
  before: FrontMatter,
  after: FrontMatter,
): Promise<DuplicatedValues> {
  const fields = collection.fields.filter((f) => f.i18n === 'duplicate');
  if (fields.length === 0) return NONE;
  const changed = fields.filter((f) => !sameValue(before[f.name], after[f.name]));
  if (changed.length === 0) return NONE;
  const snapshot = await support.snapshot();
  const indexed = snapshot.entries.get(id);
  if (!indexed) return NONE;
  const links = translationsOf(snapshot, indexed, collection);
  if (!links.originalLanguage || links.lang !== links.originalLanguage) return NONE;
  const changes: StoreChange[] = [];
  const langs: string[] = [];
  const unreadable: string[] = [];
  for (const translation of links.translations) {
    const current = await support.current(head, translation.id);
    // A translation Folio cannot parse is never rewritten, and does not block the original's save.
    const read = await support.editable(current).catch((err: unknown) => {
      if (err instanceof UnparseableError) return null;
      throw err;
    });
    if (!read) {
      unreadable.push(translation.lang);
      continue;
    }
    const { text, doc } = read;
    const data = { ...doc.data };
    for (const field of changed) copyValue(data, after, field);
    const next = rewriteText(translation.id, text, data, doc.body);
    if (next === text) continue;
    const oid = await support.store.objects.writeBlob(Buffer.from(next, 'utf8'));
    changes.push({ path: translation.id, entry: { mode: current.mode, oid } });
    langs.push(translation.lang);
  }
  if (changes.length === 0 && unreadable.length === 0) return NONE;
  const names = changed.map((f) => f.label ?? f.name).join(', ');
  const notes = [
    changes.length ? `${names} also set in the ${versions(langs)}` : '',
    unreadable.length ? `not in the ${versions(unreadable)}, which Folio cannot parse` : '',
  ].filter(Boolean);
  return { changes, note: `The same in every language: ${notes.join('; ')}.` };
}

function versions(langs: string[]): string {
  return `${langs.join(', ')} version${langs.length > 1 ? 's' : ''}`;
}

/** `message` with the note of the copies as its last paragraph, when there were any. */
export function withDuplicatedNote(message: string, copies: DuplicatedValues): string {
  return copies.note ? `${message.trimEnd()}\n\n${copies.note}` : message;
}

function copyValue(data: FrontMatter, from: FrontMatter, field: FieldSpec): void {
  const value = from[field.name];
  if (value === undefined) delete data[field.name];
  else data[field.name] = value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
