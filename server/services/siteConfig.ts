import type { ObjectStore } from '../git/ObjectStore.ts';
import { isSafeRepoPath, joinRepoPath } from '../git/paths.ts';
import { type ContentRoot, type SiteLanguage, cleanDir, contentLayout } from './contentRoots.ts';
import {
  CONFIG_FILES,
  DEFAULT_HUGO_ENVIRONMENT,
  hugoSettingsStamp,
  isMap,
  parseConfig,
  readHugoSettings,
} from './hugoConfig.ts';
import { type HugoDateSettings, readDateSettings } from './status/hugoDateSettings.ts';

export { CONFIG_FILES, cleanDir, parseConfig };
export type { ContentRoot, SiteLanguage };

/** What Folio needs from a Hugo site's configuration. */
export interface SiteConfig {
  /** The content folders as Hugo mounts them, in Hugo's order. */
  roots: ContentRoot[];
  /** defaultContentLanguage (lower case; "en" when the config names none, as Hugo's default). */
  defaultLanguage: string;
  /** Every configured language code (lower case), default first, then in Hugo's order: the file-name suffixes Hugo recognises. */
  languages: string[];
  /** The configured languages with their names and whether they are disabled, in the order of `languages`. */
  siteLanguages: SiteLanguage[];
  /** More than one language Hugo builds. */
  multilingual: boolean;
  /** Per language code, indexes into `roots` where its new pages go, best first. */
  homes: Record<string, number[]>;
  /** The merged settings (keys lower case), for readers of other settings (media folders...). */
  settings: Record<string, unknown>;
  /** The config files read, in merge order; the first, or null when none. */
  source: string | null;
  sources: string[];
  /** The Hugo environment whose `config/<environment>/` was read over `config/_default/`. */
  environment: string;
  /** Hugo's `timeZone` and `[frontmatter]` dates, for entry status (read by status/hugoDateSettings.ts). */
  dates: HugoDateSettings;
  /** Repository folder of the Hugo site ('' at the root); every site path above starts with it. */
  siteDir: string;
  /** Sections the config names for posts (`params.mainSections`), folders under the content folder. */
  mainSections: string[];
}

/** Where the site lives in the repository and which Hugo environment it is built for. */
export interface SiteConfigOptions {
  /** Repository folder of the Hugo site ('' or absent: the repository root). */
  siteDir?: string;
  /** The Hugo environment (`production` when absent, as `hugo` builds). */
  hugoEnvironment?: string;
}

/**
 * Reads the site's configuration at `tree` as `hugo` builds it (root file, `config/_default/`,
 * `config/<environment>/`, merged) and derives the content folders and languages from it. A file
 * Folio cannot read is skipped, so a broken config never stops the whole site.
 */
export async function readSiteConfig(
  objects: ObjectStore,
  tree: string | null,
  options: SiteConfigOptions = {},
): Promise<SiteConfig> {
  const siteDir = options.siteDir ?? '';
  const environment = options.hugoEnvironment ?? DEFAULT_HUGO_ENVIRONMENT;
  const { settings, sources } = await readHugoSettings(objects, tree, { siteDir, environment });
  return {
    ...siteConfigOf(settings, siteDir),
    sources,
    source: sources[0] ?? null,
    environment,
    siteDir,
  };
}

/** A key that changes whenever one of the files readSiteConfig looks at changes. */
export async function siteConfigStamp(
  objects: ObjectStore,
  tree: string | null,
  options: SiteConfigOptions = {},
): Promise<string> {
  return hugoSettingsStamp(objects, tree, {
    siteDir: options.siteDir ?? '',
    environment: options.hugoEnvironment ?? DEFAULT_HUGO_ENVIRONMENT,
  });
}

/** The languages and content folders of merged settings (see readSiteConfig). */
export function siteConfigOf(
  settings: Record<string, unknown>,
  siteDir = '',
): Omit<SiteConfig, 'source' | 'sources' | 'environment' | 'siteDir'> {
  const defaultLanguage =
    typeof settings.defaultcontentlanguage === 'string' && settings.defaultcontentlanguage.trim()
      ? settings.defaultcontentlanguage.trim().toLowerCase()
      : 'en';
  const siteLanguages = languagesOf(settings, defaultLanguage, siteDir);
  const { roots, homes } = contentLayout(settings, siteLanguages, siteDir);
  return {
    roots,
    defaultLanguage,
    languages: siteLanguages.map((l) => l.code),
    siteLanguages,
    multilingual: siteLanguages.filter((l) => !l.disabled).length > 1,
    homes,
    settings,
    dates: readDateSettings((key) => settings[key.toLowerCase()]),
    mainSections: mainSectionsOf(settings.params),
  };
}

// `params.mainSections` (Hugo's own key, read by most themes): the sections that hold posts.
function mainSectionsOf(params: unknown): string[] {
  if (!isMap(params)) return [];
  return [params.mainsections]
    .flat()
    .filter((s): s is string => typeof s === 'string' && isSafeSection(s));
}

/** True for a name that can be a section folder right under the content folder (`posts`, `blog`). */
export function isSafeSection(name: string): boolean {
  return /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,99}$/u.test(name) && isSafeRepoPath(name);
}

// The configured languages in Hugo's order: by weight (none or 0 last), then by code, with the
// default language moved first. Hugo 0.111 compares a weight of 0 inconsistently (before and
// after every other weight), so its own order of unweighted languages among weighted ones
// changes from build to build; Folio takes the order Hugo's documentation gives.
function languagesOf(
  settings: Record<string, unknown>,
  defaultLanguage: string,
  siteDir: string,
): SiteLanguage[] {
  const table = isMap(settings.languages) ? settings.languages : {};
  const disabled = new Set(
    [settings.disablelanguages]
      .flat()
      .filter((c): c is string => typeof c === 'string')
      .map((c) => c.toLowerCase()),
  );
  const languages: SiteLanguage[] = [];
  for (const [code, raw] of Object.entries(table)) {
    const entry = isMap(raw) ? raw : {};
    const weight = Number(entry.weight);
    const contentDir = cleanDir(entry.contentdir);
    languages.push({
      code,
      name: typeof entry.languagename === 'string' ? entry.languagename : null,
      weight: Number.isFinite(weight) ? weight : 0,
      disabled: disabled.has(code) || entry.disabled === true,
      contentDir: contentDir && joinRepoPath(siteDir, contentDir),
    });
  }
  if (!languages.some((l) => l.code === defaultLanguage)) {
    if (languages.length > 0)
      console.warn(
        `The site's defaultContentLanguage "${defaultLanguage}" is not one of its languages (${languages.map((l) => l.code).join(', ')}); Hugo refuses to build such a site.`,
      );
    languages.push({
      code: defaultLanguage,
      name: null,
      weight: 0,
      disabled: false,
      contentDir: null,
    });
  }
  languages.sort((a, b) => {
    if (a.weight === b.weight) return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
    if (a.weight === 0) return 1;
    if (b.weight === 0) return -1;
    return a.weight - b.weight;
  });
  const index = languages.findIndex((l) => l.code === defaultLanguage);
  return [languages[index]!, ...languages.filter((_, i) => i !== index)];
}
