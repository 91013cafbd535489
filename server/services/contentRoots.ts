import picomatch from 'picomatch';
import { checkRepoPath, joinRepoPath } from '../git/paths.ts';
import { isMap } from './hugoConfig.ts';

/** A folder holding content, and the language of its files when the site gives each language its own. */
export interface ContentRoot {
  dir: string;
  /** The language of the files without a language suffix; null: the site's default language. */
  lang: string | null;
  /** Where Hugo mounts the folder below `content` ("" for `content` itself, "blog" for `content/blog`). */
  prefix?: string;
  /** A mount's includeFiles/excludeFiles, given the path below `dir`; absent: every file. */
  accepts?: (relativePath: string) => boolean;
}

/** One configured language, as the site's config describes it. */
export interface SiteLanguage {
  code: string;
  /** `languageName`, or null when the config names none. */
  name: string | null;
  weight: number;
  /** In `disableLanguages` or `disabled = true`: Hugo builds none of its pages. */
  disabled: boolean;
  /** Its own `contentDir` (a repository path), or null. */
  contentDir: string | null;
}

/** The content folders and, per language, which of them a new page of that language goes to. */
export interface ContentLayout {
  roots: ContentRoot[];
  /** Per language code, indexes into `roots` where its new pages go, best first. */
  homes: Record<string, number[]>;
}

/**
 * The content folders as Hugo mounts them: the project's `[[module.mounts]]` with a `content`
 * target when there are any (they replace contentDir); else, when a language has its own
 * `contentDir`, one folder per language in `languages` order (default first), a folder shared by
 * several going to the first; else the site's `contentDir` with no language of its own.
 */
export function contentLayout(
  settings: Record<string, unknown>,
  languages: SiteLanguage[],
  siteDir = '',
): ContentLayout {
  const contentDir = joinRepoPath(siteDir, cleanDir(settings.contentdir) ?? 'content');
  const mounts = contentMounts(settings, languages, siteDir);
  if (mounts.length > 0) {
    const homes: Record<string, number[]> = {};
    for (const { code } of languages) {
      const own = mounts.flatMap((r, i) => (r.lang === code ? [i] : []));
      const shared = mounts.flatMap((r, i) => (r.lang === null ? [i] : []));
      homes[code] = [...own, ...shared];
    }
    return { roots: mounts, homes };
  }
  if (!languages.some((l) => l.contentDir !== null)) {
    const homes = Object.fromEntries(languages.map((l) => [l.code, [0]]));
    return { roots: [{ dir: contentDir, lang: null }], homes };
  }
  const roots: ContentRoot[] = [];
  const homes: Record<string, number[]> = {};
  for (const language of languages) {
    const dir = language.contentDir ?? contentDir;
    let index = roots.findIndex((r) => r.dir === dir);
    if (index < 0) index = roots.push({ dir, lang: language.code }) - 1;
    homes[language.code] = [index];
  }
  return { roots, homes };
}

// The project's content mounts; one naming a language the site does not have is left out, as
// Hugo leaves out its files.
function contentMounts(
  settings: Record<string, unknown>,
  languages: SiteLanguage[],
  siteDir: string,
): ContentRoot[] {
  const module = settings.module;
  const mounts = isMap(module) && Array.isArray(module.mounts) ? module.mounts : [];
  const roots: ContentRoot[] = [];
  for (const mount of mounts) {
    if (!isMap(mount) || typeof mount.target !== 'string') continue;
    const target = mount.target.trim().replace(/^\/+|\/+$/g, '');
    if (target !== 'content' && !target.startsWith('content/')) continue;
    const source = cleanDir(mount.source);
    const dir = source && joinRepoPath(siteDir, source);
    if (!dir) {
      console.warn(
        `Folio ignores the content mount of "${String(mount.source)}": not a folder inside the repository.`,
      );
      continue;
    }
    const lang = typeof mount.lang === 'string' && mount.lang !== '' ? mount.lang : null;
    if (lang !== null && !languages.some((l) => l.code === lang)) {
      console.warn(
        `Hugo builds nothing of the mount of ${dir}: its lang "${lang}" is not one of the site's languages.`,
      );
      continue;
    }
    const accepts = mountFilter(mount.includefiles, mount.excludefiles);
    roots.push({
      dir,
      lang,
      ...(target === 'content' ? {} : { prefix: target.slice('content/'.length) }),
      ...(accepts ? { accepts } : {}),
    });
  }
  return roots;
}

// Hugo's includeFiles/excludeFiles: globs on the path below the mount, without case; an excluded
// folder excludes everything in it.
function mountFilter(include: unknown, exclude: unknown) {
  const globs = (value: unknown) =>
    [value]
      .flat()
      .filter((g): g is string => typeof g === 'string' && g.trim() !== '')
      .map((g) => g.trim().toLowerCase().replace(/^\/+/, ''));
  const includes = globs(include);
  const excludes = globs(exclude);
  if (includes.length === 0 && excludes.length === 0) return null;
  const included = includes.length ? picomatch(includes, { dot: true }) : () => true;
  const excluded = excludes.length ? picomatch(excludes, { dot: true }) : () => false;
  return (relativePath: string): boolean => {
    const path = relativePath.toLowerCase();
    if (!included(path)) return false;
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) if (excluded(parts.slice(0, i).join('/'))) return false;
    return true;
  };
}

/** A folder named in the site's config, inside the repository, or null ("../x", absolute paths and bad names are ignored). */
export function cleanDir(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value
    .trim()
    .replace(/^(\.\/+)+/, '')
    .replace(/\/+$/, '')
    .replace(/\/{2,}/g, '/');
  if (!trimmed) return null;
  try {
    return checkRepoPath(trimmed);
  } catch {
    return null;
  }
}
