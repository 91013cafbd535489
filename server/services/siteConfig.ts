import { ObjectUnavailableError } from '../git/ObjectStore.ts';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { ObjectStore } from '../git/ObjectStore.ts';
import { checkRepoPath, isSafeRepoPath, joinRepoPath } from '../git/paths.ts';
import { isFileMode } from '../git/treeObject.ts';
import { decodeText } from './decodeText.ts';
import {
  DEFAULT_DATE_SETTINGS,
  type HugoDateSettings,
  readDateSettings,
} from './status/hugoDateSettings.ts';

/** A folder holding content, and the language of its files when the site gives each language its own. */
export interface ContentRoot {
  dir: string;
  lang: string | null;
}

/** What Folio needs from a Hugo site's configuration. */
export interface SiteConfig {
  /** The main content folder first, then per-language ones. */
  roots: ContentRoot[];
  /** defaultContentLanguage, or null for a site that names no language at all. */
  defaultLanguage: string | null;
  /** Language codes (lowercase) that may appear as file-name suffixes (post.en.md). */
  languages: string[];
  /** Hugo's `timeZone` and `[frontmatter]` dates, for entry status (read by status/hugoDateSettings.ts). */
  dates: HugoDateSettings;
  /** The config file read (null: none found, defaults apply). */
  source: string | null;
  /** Repository folder of the Hugo site ('' at the root); every site path above starts with it. */
  siteDir: string;
  /** Sections the config names for posts (`params.mainSections`), folders under the content folder. */
  mainSections: string[];
}

/** Files Hugo reads its configuration from, in its order of precedence. */
export const CONFIG_FILES = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json',
];
const CONFIG_DIRS = ['', 'config/_default/'];

/**
 * Reads contentDir, the default language and the languages from the site's config at `tree`
 * (a `hugo.toml` and friends in `siteDir`, or its `config/_default/`). A config Folio cannot read
 * leaves the defaults (content/) in place rather than failing the whole site.
 */
export async function readSiteConfig(
  objects: ObjectStore,
  tree: string | null,
  siteDir = '',
): Promise<SiteConfig> {
  const defaults: SiteConfig = {
    roots: [{ dir: joinRepoPath(siteDir, 'content'), lang: null }],
    defaultLanguage: null,
    languages: [],
    dates: DEFAULT_DATE_SETTINGS,
    source: null,
    siteDir,
    mainSections: [],
  };
  if (!tree) return defaults;
  for (const folder of CONFIG_DIRS) {
    for (const name of CONFIG_FILES) {
      const path = joinRepoPath(siteDir, folder + name);
      const entry = await objects.lookup(tree, path);
      if (!entry || !isFileMode(entry.mode)) continue;
      const blob = await objects.readBlob(entry.oid).catch((err: unknown) => {
        // A partial clone without the config's blob: the defaults, and say why.
        if (!(err instanceof ObjectUnavailableError)) throw err;
        console.warn(
          `Folio cannot read ${path} (${err.message}); using content/ as the content folder.`,
        );
        return null;
      });
      if (!blob) return { ...defaults, source: path };
      const text = decodeText(blob);
      try {
        const raw = text === null ? null : parseConfig(name, text);
        if (raw && typeof raw === 'object')
          return {
            ...toSiteConfig(raw as Record<string, unknown>, siteDir),
            source: path,
            siteDir,
          };
      } catch (err) {
        console.warn(
          `Folio could not read ${path} (${(err as Error).message}); using content/ as the content folder.`,
        );
      }
      return { ...defaults, source: path };
    }
  }
  return defaults;
}

/** A key that changes whenever one of the files readSiteConfig looks at changes. */
export async function siteConfigStamp(
  objects: ObjectStore,
  tree: string | null,
  siteDir = '',
): Promise<string> {
  if (!tree) return siteDir;
  const parts: string[] = siteDir ? [siteDir] : [];
  for (const folder of CONFIG_DIRS) {
    const dir = joinRepoPath(siteDir, folder.slice(0, -1));
    const entry = folder ? await objects.lookup(tree, dir) : null;
    if (folder && !entry) continue;
    for (const name of CONFIG_FILES)
      parts.push((await objects.lookup(tree, joinRepoPath(siteDir, folder + name)))?.oid ?? '-');
  }
  return parts.join(',');
}

/** Parses a config file's text by its name's extension (TOML, JSON, else YAML). */
export function parseConfig(name: string, text: string): unknown {
  if (name.endsWith('.toml')) return parseToml(text);
  if (name.endsWith('.json')) return JSON.parse(text);
  return parseYaml(text, { maxAliasCount: 100 });
}

function toSiteConfig(
  raw: Record<string, unknown>,
  siteDir: string,
): Omit<SiteConfig, 'source' | 'siteDir'> {
  const get = (key: string): unknown =>
    raw[Object.keys(raw).find((k) => k.toLowerCase() === key.toLowerCase()) ?? ''];
  const mainDir = joinRepoPath(siteDir, cleanDir(get('contentDir')) ?? 'content');
  const defaultLanguage =
    typeof get('defaultContentLanguage') === 'string'
      ? String(get('defaultContentLanguage')).toLowerCase()
      : null;
  const languagesTable = get('languages');
  const languages = new Set<string>();
  const roots: ContentRoot[] = [{ dir: mainDir, lang: null }];
  if (languagesTable && typeof languagesTable === 'object' && !Array.isArray(languagesTable)) {
    for (const [code, settings] of Object.entries(languagesTable as Record<string, unknown>)) {
      const lang = code.toLowerCase();
      languages.add(lang);
      if (settings && typeof settings === 'object') {
        const entry = Object.entries(settings as Record<string, unknown>).find(
          ([k]) => k.toLowerCase() === 'contentdir',
        );
        const own = cleanDir(entry?.[1]);
        const dir = own && joinRepoPath(siteDir, own);
        if (dir && dir !== mainDir && !roots.some((r) => r.dir === dir)) roots.push({ dir, lang });
      }
    }
  }
  if (defaultLanguage) languages.add(defaultLanguage);
  const named = defaultLanguage !== null || languages.size > 0;
  return {
    roots,
    defaultLanguage: named ? (defaultLanguage ?? 'en') : null,
    languages: [...languages],
    mainSections: mainSectionsOf(get('params')),
    dates: readDateSettings(get),
  };
}

// `params.mainSections` (Hugo's own key, read by most themes): the sections that hold posts.
function mainSectionsOf(params: unknown): string[] {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return [];
  const key = Object.keys(params).find((k) => k.toLowerCase() === 'mainsections');
  const value = key ? (params as Record<string, unknown>)[key] : undefined;
  return [value].flat().filter((s): s is string => typeof s === 'string' && isSafeSection(s));
}

/** True for a name that can be a section folder right under the content folder (`posts`, `blog`). */
export function isSafeSection(name: string): boolean {
  return /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,99}$/u.test(name) && isSafeRepoPath(name);
}

/** A folder named in the site's config, inside the repository, or null ("../x", absolute paths and bad names are ignored). */
export function cleanDir(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value
    .trim()
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
  if (!trimmed) return null;
  try {
    return checkRepoPath(trimmed);
  } catch {
    return null;
  }
}
