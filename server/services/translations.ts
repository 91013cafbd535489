import type { EntryTranslations } from '../../shared/api/contract.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { checkRepoPath, joinRepoPath } from '../git/paths.ts';
import type { IndexSnapshot, IndexedEntry } from './EntryIndex.ts';
import { type EntryLocation, classifyEntryPath, homeRoot } from './entryPaths.ts';

/**
 * What links an entry to its translations, as Hugo links pages: its front matter's
 * `translationKey` when it has one, else its path below the content folder without the language
 * suffix and extension (a leaf bundle by its folder, so `x.md` and `x/index.es.md` are one page).
 */
export function translationKeyOf(entry: IndexedEntry): string {
  if (entry.doc.translationKey !== null) return `key:${entry.doc.translationKey}`;
  return `path:${translationBase(entry)}`;
}

/** The entry's languages: its own, the other languages' entries linked to it, and the site's languages it lacks. */
export function translationsOf(snapshot: IndexSnapshot, entry: IndexedEntry): EntryTranslations {
  const { config } = snapshot;
  const languages = config.siteLanguages.filter((l) => !l.disabled);
  const languageNames = Object.fromEntries(
    config.siteLanguages.flatMap((l) => (l.name ? [[l.code, l.name]] : [])),
  );
  const answer = { lang: entry.lang ?? config.defaultLanguage, languageNames };
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
    missingTranslations: languages.map((l) => l.code).filter((code) => !have.has(code)),
  };
}

/**
 * Where Hugo would have `entry`'s page in `lang`: the same path below the language's content
 * folder, with the language suffix that folder needs. Refuses a language the site lacks, the
 * entry's own language, and a translation that already exists.
 */
export function translationPath(
  snapshot: IndexSnapshot,
  entry: IndexedEntry,
  lang: string,
): string {
  const { config } = snapshot;
  const code = lang.toLowerCase();
  if (!config.languages.includes(code))
    throw new ValidationError(
      `Unknown language "${lang}": the site has ${config.languages.join(', ')}.`,
    );
  if (code === entry.lang)
    throw new ValidationError(
      `${entry.id} is already the ${code} version: choose another language.`,
    );
  const existing = translationsOf(snapshot, entry).translations.find((t) => t.lang === code);
  if (existing)
    throw new ConflictError(`The ${code} translation already exists: ${existing.id}.`, {
      reason: 'exists',
      id: existing.id,
    });
  const root = homeRoot(config, code, entry.collection);
  const { folder, stem, ext } = nameParts(entry);
  const prefix = root.prefix ? `${root.prefix}/` : '';
  if (prefix && !`${folder}/`.startsWith(prefix))
    throw new ValidationError(`Hugo has no ${code} folder for ${entry.id}.`);
  const suffix = (root.lang ?? config.defaultLanguage) === code ? '' : `.${code}`;
  const below = joinRepoPath(folder.slice(prefix.length), `${stem}${suffix}.${ext}`);
  const path = checkRepoPath(joinRepoPath(root.dir, below));
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
