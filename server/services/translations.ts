import type { EntryTranslations } from '../../shared/api/contract.ts';
import type { DeclaredCollection } from '../../shared/schema/siteSchema.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { checkRepoPath, joinRepoPath } from '../git/paths.ts';
import type { IndexSnapshot, IndexedEntry } from './EntryIndex.ts';
import { type EntryLocation, classifyEntryPath, homeRoot } from './entryPaths.ts';
import { type ResolvedI18n, resolveI18n, structuredPath } from './schema/collectionI18n.ts';

/**
 * What links an entry to its translations, as Hugo links pages: its front matter's
 * `translationKey` when it has one, else its path below the content folder without the language
 * suffix and extension (a leaf bundle by its folder, so `x.md` and `x/index.es.md` are one page).
 */
export function translationKeyOf(entry: IndexedEntry): string {
  if (entry.doc.translationKey !== null) return `key:${entry.doc.translationKey}`;
  return `path:${translationBase(entry)}`;
}

/**
 * The entry's languages: its own, the other languages' entries linked to it, and the languages
 * it lacks that a translation may be created in: the site's, or for an entry of a declared
 * collection (`declared`) the collection's translated languages (none when it declares no
 * translations: those Hugo links are still shown).
 */
export function translationsOf(
  snapshot: IndexSnapshot,
  entry: IndexedEntry,
  declared: DeclaredCollection | null = null,
): EntryTranslations {
  const { config } = snapshot;
  const i18n = declared ? resolveI18n(declared, config) : null;
  const offered = !declared
    ? config.siteLanguages.filter((l) => !l.disabled).map((l) => l.code)
    : i18n && i18n.structure !== 'single_file'
      ? i18n.languages
      : [];
  const languageNames = Object.fromEntries(
    config.siteLanguages.flatMap((l) => (l.name ? [[l.code, l.name]] : [])),
  );
  const answer = {
    lang: entry.lang ?? config.defaultLanguage,
    languageNames,
    ...(i18n && i18n.structure !== 'single_file' ? { originalLanguage: i18n.defaultLanguage } : {}),
  };
  if (!config.multilingual) return { ...answer, translations: [], missingTranslations: [] };
  const linked = (groupsOf(snapshot).get(translationKeyOf(entry)) ?? []).filter(
    (e) => e.id !== entry.id && e.lang !== entry.lang,
  );
  const order = (lang: string | null) => config.languages.indexOf(lang ?? '');
  const translations = [...new Map(linked.map((e) => [e.lang, e])).values()]
    .sort((a, b) => order(a.lang) - order(b.lang))
    .map((e) => ({ lang: e.lang ?? config.defaultLanguage, id: e.id, title: e.doc.title }));
  const have = new Set([answer.lang, ...translations.map((t) => t.lang)]);
  return {
    ...answer,
    translations,
    missingTranslations: offered.filter((code) => !have.has(code)),
  };
}

/**
 * Where `entry`'s page in `lang` goes: where its declared collection's structure puts it
 * (`declared`: beside it with the language suffix, or in the language's folder), else where Hugo
 * would have it (the same path below the language's content folder, with the suffix that folder
 * needs). Refuses a language the site (or the collection) lacks, the entry's own language, a
 * translation that already exists, and a path Hugo reads as another language.
 */
export function translationPath(
  snapshot: IndexSnapshot,
  entry: IndexedEntry,
  lang: string,
  declared: DeclaredCollection | null = null,
): string {
  const { config } = snapshot;
  const code = lang.toLowerCase();
  if (!config.languages.includes(code))
    throw new ValidationError(
      `Unknown language "${lang}": the site has ${config.languages.join(', ')}.`,
    );
  const i18n = declared ? resolveI18n(declared, config) : null;
  const offered = translationsOf(snapshot, entry, declared);
  if (
    declared &&
    !offered.missingTranslations.includes(code) &&
    !offered.translations.some((t) => t.lang === code) &&
    code !== entry.lang
  )
    throw new ValidationError(
      i18n && i18n.structure !== 'single_file'
        ? `The ${declared.label ?? declared.name} collection is translated into ${i18n.languages.join(', ')}, not ${code}: add it to the collection's locales.`
        : `The ${declared.label ?? declared.name} collection declares no translations: give it i18n in the site's schema file.`,
    );
  if (code === entry.lang)
    throw new ValidationError(
      `${entry.id} is already the ${code} version: choose another language.`,
    );
  const existing = offered.translations.find((t) => t.lang === code);
  if (existing)
    throw new ConflictError(`The ${code} translation already exists: ${existing.id}.`, {
      reason: 'exists',
      id: existing.id,
    });
  const path =
    i18n && declared?.folder && i18n.structure !== 'hugo'
      ? structuredTranslationPath(i18n, declared.folder, entry, code)
      : hugoTranslationPath(snapshot, entry, code);
  const back: EntryLocation | null = classifyEntryPath(config, path);
  if (!back || back.lang !== code)
    throw new ValidationError(
      `The ${code} translation of ${entry.id} would be ${path}, which Hugo reads as ${back ? back.lang : 'no page'}.`,
    );
  if (snapshot.entries.has(path))
    throw new ConflictError(`${path} already exists (it is not linked to ${entry.id}).`, {
      reason: 'exists',
      id: path,
    });
  return path;
}

// The same path below the language's content folder, with the suffix that folder needs.
function hugoTranslationPath(snapshot: IndexSnapshot, entry: IndexedEntry, code: string): string {
  const { config } = snapshot;
  const root = homeRoot(config, code, entry.collection);
  const { folder, stem, ext } = nameParts(entry);
  const prefix = root.prefix ? `${root.prefix}/` : '';
  if (prefix && !`${folder}/`.startsWith(prefix))
    throw new ValidationError(`Hugo has no ${code} folder for ${entry.id}.`);
  const suffix = (root.lang ?? config.defaultLanguage) === code ? '' : `.${code}`;
  const below = joinRepoPath(folder.slice(prefix.length), `${stem}${suffix}.${ext}`);
  return checkRepoPath(joinRepoPath(root.dir, below));
}

// multiple_files: beside the original; multiple_folders: the same path in the language's folder.
function structuredTranslationPath(
  i18n: ResolvedI18n,
  collectionFolder: string,
  entry: IndexedEntry,
  code: string,
): string {
  const { stem } = nameParts(entry);
  const dir = entry.id.slice(0, entry.id.lastIndexOf('/'));
  if (i18n.structure === 'multiple_files')
    return checkRepoPath(structuredPath(i18n, dir, stem, code));
  const own = `${collectionFolder}/${entry.lang}/`;
  if (!entry.id.startsWith(own))
    throw new ValidationError(
      `${entry.id} is not in the ${entry.lang} folder of its collection (${own}): Folio cannot tell where its ${code} version goes.`,
    );
  const rest = entry.id.slice(own.length);
  return checkRepoPath(`${collectionFolder}/${code}/${rest}`);
}

// Entries by translation key, once per head.
function groupsOf(snapshot: IndexSnapshot): Map<string, IndexedEntry[]> {
  const memo = snapshot.memo.get('translations') as Map<string, IndexedEntry[]> | undefined;
  if (memo) return memo;
  const groups = new Map<string, IndexedEntry[]>();
  for (const entry of snapshot.entries.values()) {
    const key = translationKeyOf(entry);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  snapshot.memo.set('translations', groups);
  return groups;
}

function translationBase(entry: IndexedEntry): string {
  const { folder, stem } = nameParts(entry);
  if (entry.bundle === 'leaf') return folder;
  return folder ? `${folder}/${stem}` : stem;
}

// The entry's path as Hugo sees it below `content` (the mount's target included): its folder,
// its file name without the language suffix, and its extension.
function nameParts(entry: IndexedEntry) {
  const below = entry.id.slice(entry.root.dir.length + 1);
  const virtual = entry.root.prefix ? `${entry.root.prefix}/${below}` : below;
  const slash = virtual.lastIndexOf('/');
  const folder = slash < 0 ? '' : virtual.slice(0, slash);
  const file = virtual.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  let stem = file.slice(0, dot);
  const ext = file.slice(dot + 1);
  const langDot = stem.lastIndexOf('.');
  if (langDot > 0 && stem.slice(langDot + 1) === entry.lang) stem = stem.slice(0, langDot);
  return { folder, stem, ext };
}
