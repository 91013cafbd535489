import type {
  DeclaredCollection,
  SchemaProblem,
  TranslationStructure,
} from '../../../shared/schema/siteSchema.ts';
import { joinRepoPath } from '../../git/paths.ts';
import { classifyEntryPath, homeRoot, rootOf } from '../entryPaths.ts';
import type { SiteConfig } from '../siteConfig.ts';

/** A declared collection's translations worked out against the Hugo site's languages. */
export interface ResolvedI18n {
  structure: TranslationStructure;
  /** The languages translations are offered in: the declared locales Hugo has (not disabled). */
  languages: string[];
  /** The language the others translate. */
  defaultLanguage: string;
  /** multiple_files: the default language's file has no suffix. */
  omitDefaultLocale: boolean;
}

const PROBE = 'folio-probe';

/**
 * The collection's translations, or null when it declares none (or the site has one language):
 * `i18n: true` is the site's languages where Hugo puts them.
 */
export function resolveI18n(
  collection: DeclaredCollection,
  config: SiteConfig,
): ResolvedI18n | null {
  const i18n = collection.i18n;
  if (!i18n || !config.multilingual) return null;
  const enabled = config.siteLanguages.filter((l) => !l.disabled).map((l) => l.code);
  if (i18n === true)
    return {
      structure: 'hugo',
      languages: enabled,
      defaultLanguage: config.defaultLanguage,
      omitDefaultLocale: false,
    };
  const locales = (i18n.locales ?? enabled).map((l) => l.toLowerCase());
  const languages = enabled.filter((code) => locales.includes(code));
  const wanted = (i18n.defaultLocale ?? locales[0] ?? config.defaultLanguage).toLowerCase();
  return {
    structure: i18n.structure,
    languages,
    defaultLanguage: languages.includes(wanted) ? wanted : config.defaultLanguage,
    omitDefaultLocale: i18n.omitDefaultLocale === true,
  };
}

/**
 * The folders a collection's entries are in: its folder, and with `i18n: true` the same folder
 * in each language's own content folder (`content/es/docs` beside `content/en/docs`).
 */
export function collectionFolders(collection: DeclaredCollection, config: SiteConfig): string[] {
  const folder = collection.folder;
  if (!folder) return [];
  const i18n = resolveI18n(collection, config);
  if (i18n?.structure !== 'hugo') return [folder];
  const root = rootOf(config, `${folder}/${PROBE}.md`);
  if (!root) return [folder];
  const below = folder.slice(root.dir.length + 1);
  const virtual = root.prefix ? joinRepoPath(root.prefix, below) : below;
  const folders = new Set([folder]);
  for (const lang of i18n.languages) {
    const home = homeRoot(config, lang, virtual.split('/')[0] ?? '');
    const prefix = home.prefix ? `${home.prefix}/` : '';
    if (prefix && !`${virtual}/`.startsWith(prefix)) continue;
    folders.add(joinRepoPath(home.dir, virtual.slice(prefix.length)));
  }
  return [...folders];
}

/** Where the collection's structure puts `lang`'s version of a file named `stem` in `folder`'s language folder. */
export function structuredPath(
  i18n: ResolvedI18n,
  folder: string,
  stem: string,
  lang: string,
): string {
  if (i18n.structure === 'multiple_folders') return joinRepoPath(folder, `${lang}/${stem}.md`);
  const bare = i18n.omitDefaultLocale && lang === i18n.defaultLanguage;
  return joinRepoPath(folder, bare ? `${stem}.md` : `${stem}.${lang}.md`);
}

/**
 * What the Hugo site disagrees with in the collections' translations: locales it does not build,
 * languages the schema leaves out, and layouts whose files Hugo reads as another language.
 */
export function translationProblems(
  collections: DeclaredCollection[],
  config: SiteConfig,
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  collections.forEach((collection, i) => {
    const i18n = collection.i18n;
    if (!i18n) return;
    const at = `collections.${i} (${collection.name}).i18n`;
    if (!config.multilingual) {
      problems.push({
        path: at,
        message: `The Hugo site has one language (${config.defaultLanguage}): there is nothing to translate, and the entries are edited as they are.`,
      });
      return;
    }
    const hugo = config.languages.join(', ');
    if (i18n !== true) {
      const locales = (i18n.locales ?? []).map((l) => l.toLowerCase());
      const unknown = locales.filter((l) => !config.languages.includes(l));
      if (unknown.length)
        problems.push({
          path: at,
          message: `${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not a language of the Hugo site (${hugo}): Folio offers no translation in ${unknown.length > 1 ? 'them' : 'it'}. Add ${unknown.length > 1 ? 'them' : 'it'} to the site's languages, or take ${unknown.length > 1 ? 'them' : 'it'} out of locales.`,
        });
      const left = i18n.locales
        ? config.siteLanguages
            .filter((l) => !l.disabled && !locales.includes(l.code))
            .map((l) => l.code)
        : [];
      if (left.length)
        problems.push({
          path: at,
          message: `Hugo also builds ${left.join(', ')}, which locales leaves out: no translation in ${left.length > 1 ? 'them' : 'it'} is offered for this collection.`,
        });
    }
    const resolved = resolveI18n(collection, config);
    if (!resolved || !collection.folder) return;
    if (resolved.defaultLanguage !== config.defaultLanguage)
      problems.push({
        path: at,
        message: `The default locale ${resolved.defaultLanguage} is not Hugo's defaultContentLanguage (${config.defaultLanguage}): the ${resolved.defaultLanguage} version is the original the others translate.`,
      });
    if (resolved.structure === 'single_file') {
      problems.push({
        path: at,
        message: `single_file: every language's values are in one file, which Hugo reads as one page in ${config.defaultLanguage}. Folio edits each language's values as one group of fields (${resolved.languages.join(', ')}) and shows no translation switch.`,
      });
      return;
    }
    if (resolved.structure === 'hugo') return;
    for (const lang of resolved.languages) {
      const path = structuredPath(resolved, collection.folder, PROBE, lang);
      const back = classifyEntryPath(config, path);
      if (back?.lang === lang) continue;
      const shown = path.replace(PROBE, '<slug>');
      problems.push({
        path: at,
        message: `${resolved.structure} puts the ${lang} version at ${shown}, which Hugo reads as ${back ? `a page in ${back.lang}` : 'no page'}: Folio gives each file the language Hugo gives it, so ${lang} versions there are not linked as translations. ${resolved.structure === 'multiple_folders' ? `Use multiple_files (<slug>.${lang}.md), or give Hugo a content folder (contentDir or a mount) for ${lang} there.` : `Add ${lang} to the site's languages.`}`,
      });
    }
  });
  return problems;
}

/**
 * A new entry's path in a multiple_files collection: its default language's file has the suffix
 * too (`post.en.md`, where Decap looks for it) unless the collection omits it. Other paths are
 * returned as they are.
 */
export function withLanguageSuffix(
  config: SiteConfig,
  collection: DeclaredCollection | null,
  path: string,
): string {
  const i18n = collection && resolveI18n(collection, config);
  if (i18n?.structure !== 'multiple_files' || i18n.omitDefaultLocale) return path;
  const location = classifyEntryPath(config, path);
  if (!location || location.lang !== i18n.defaultLanguage) return path;
  const dot = path.lastIndexOf('.');
  const stem = path.slice(0, dot);
  if (stem.endsWith(`.${location.lang}`)) return path;
  const suffixed = `${stem}.${location.lang}${path.slice(dot)}`;
  return classifyEntryPath(config, suffixed)?.lang === location.lang ? suffixed : path;
}
