import { ValidationError } from '../errors.ts';
import { PathError, checkRepoPath, isSafeRepoPath, isWithin, joinRepoPath } from '../git/paths.ts';
import type { ContentRoot, SiteConfig } from './siteConfig.ts';

/** File extensions Hugo renders as Markdown. */
export const MARKDOWN_EXTENSIONS = ['md', 'markdown', 'mdown', 'mkd', 'mkdn'];
/** Name of the collection of pages directly in the content folder. */
export const ROOT_COLLECTION = '.';

/** Where an entry sits in the site. */
export interface EntryLocation {
  id: string;
  root: ContentRoot;
  /** First folder under the content folder ("blog"), or "." for top-level pages. */
  collection: string;
  lang: string | null;
  /** The name the URL is made from: the file name, or the folder of a page bundle. */
  slug: string;
  /** "leaf" for posts/slug/index.md, "branch" for a section's _index.md. */
  bundle: 'leaf' | 'branch' | null;
}

/**
 * Tells whether a repository path is an entry (a Markdown file under a content folder whose path
 * passes the path rules) and where it belongs; null otherwise.
 */
export function classifyEntryPath(config: SiteConfig, path: string): EntryLocation | null {
  if (!passesPathRules(path) || path.includes('\uFFFD')) return null;
  const root = rootOf(config, path);
  if (!root) return null;
  const below = path.slice(root.dir.length + 1);
  const segments = (root.prefix ? `${root.prefix}/${below}` : below).split('/');
  const file = segments[segments.length - 1]!;
  const dot = file.lastIndexOf('.');
  if (dot <= 0 || !MARKDOWN_EXTENSIONS.includes(file.slice(dot + 1).toLowerCase())) return null;
  let stem = file.slice(0, dot);
  let lang = root.lang;
  // Hugo takes a suffix as the language only when it is a configured code exactly as Hugo keeps
  // it (lower case): post.pt-BR.md is the page "post.pt-BR" in the folder's language.
  const langDot = stem.lastIndexOf('.');
  if (langDot > 0 && config.languages.includes(stem.slice(langDot + 1))) {
    lang = stem.slice(langDot + 1);
    stem = stem.slice(0, langDot);
  }
  lang ??= config.defaultLanguage;
  const bundle = stem === 'index' ? 'leaf' : stem === '_index' ? 'branch' : null;
  const folder = segments.length > 1 ? segments[segments.length - 2]! : '';
  // A leaf bundle right under the content folder (content/about/index.md) is a top-level page.
  const topLevel = segments.length === 1 || (bundle === 'leaf' && segments.length === 2);
  return {
    id: path,
    root,
    collection: topLevel ? ROOT_COLLECTION : segments[0]!,
    lang,
    slug: bundle ? folder : stem,
    bundle,
  };
}

// A path committed under a decomposed (NFD) name breaks no rule: its NFC form is checked instead.
function passesPathRules(path: string): boolean {
  if (isSafeRepoPath(path)) return true;
  try {
    checkRepoPath(path);
    return true;
  } catch {
    return false;
  }
}

/** A name to show for an entry without a title: its slug, or its file path for a section page at the top. */
export function fallbackTitle(location: Pick<EntryLocation, 'slug' | 'id'>): string {
  return location.slug || location.id;
}

/**
 * The content root that holds `path`: the deepest one whose mount takes the file (Hugo makes a
 * page of a file in nested folders once per folder; Folio keeps the most specific one).
 */
export function rootOf(config: SiteConfig, path: string): ContentRoot | null {
  let best: ContentRoot | null = null;
  for (const root of config.roots) {
    if (!path.startsWith(`${root.dir}/`) || (best && root.dir.length <= best.dir.length)) continue;
    if (root.accepts && !root.accepts(path.slice(root.dir.length + 1))) continue;
    best = root;
  }
  return best;
}

/** The folders to list for entries: every root's folder that is not inside another's. */
export function listedDirs(config: SiteConfig): string[] {
  const dirs = [...new Set(config.roots.map((r) => r.dir))];
  return dirs.filter((d) => !dirs.some((o) => o !== d && d.startsWith(`${o}/`)));
}

/** What a new entry's path is built from. */
export interface NewEntryPath {
  collection: string;
  slug: string;
  lang?: string | null;
  bundle: boolean;
}

/**
 * Builds the path of a new entry from its collection and slug on the server, so that a client
 * never names a file: `content/blog/slug.md`, `content/blog/slug.en.md` or `content/blog/slug/index.md`.
 */
export function buildEntryPath(config: SiteConfig, spec: NewEntryPath): string {
  const lang = spec.lang?.toLowerCase() || config.defaultLanguage;
  if (!config.languages.includes(lang)) {
    throw new ValidationError(
      `Unknown language "${spec.lang}": the site has ${config.languages.join(', ')}.`,
    );
  }
  if (
    spec.collection !== ROOT_COLLECTION &&
    (spec.collection.includes('/') || !isSafeRepoPath(spec.collection))
  ) {
    throw new ValidationError(
      `Invalid collection "${spec.collection}": give the name of a folder under the content folder.`,
    );
  }
  const root = homeRoot(config, lang, spec.collection);
  const suffix = (root.lang ?? config.defaultLanguage) === lang ? '' : `.${lang}`;
  const sub = root.prefix ? root.prefix.split('/').slice(1).join('/') : '';
  const inRoot = root.prefix || spec.collection === ROOT_COLLECTION ? sub : spec.collection;
  const folder = joinRepoPath(root.dir, inRoot);
  const file = spec.bundle ? `${spec.slug}/index${suffix}.md` : `${spec.slug}${suffix}.md`;
  try {
    const path = checkRepoPath(joinRepoPath(folder, file));
    if (!isWithin(path, root.dir)) throw new PathError(path, 'outside the content folder');
    // The path must read back as what was asked: a section named like another language's folder
    // (content/es under content) would make the page Spanish.
    const back = classifyEntryPath(config, path);
    if (!back || back.lang !== lang || back.collection !== spec.collection) {
      throw new ValidationError(
        `A new ${lang} page of "${spec.collection}" cannot go to ${path}: Hugo would read that file as ${back ? `a ${back.lang} page of "${back.collection}"` : 'no page'}. Choose another section.`,
      );
    }
    return path;
  } catch (err) {
    if (err instanceof PathError)
      throw new ValidationError(`${err.message} Choose another slug.`, { reason: err.reason });
    throw err;
  }
}

/**
 * Where a new page of `lang` in `collection` goes: the language's own folder (a mount into
 * content/<collection> first), else the folder its pages share.
 */
export function homeRoot(config: SiteConfig, lang: string, collection: string): ContentRoot {
  const candidates = (config.homes[lang] ?? [0]).map((i) => config.roots[i]!).filter(Boolean);
  const first = (prefix?: string) => (prefix ? prefix.split('/')[0] : '');
  return (
    candidates.find((r) => r.prefix && first(r.prefix) === collection) ??
    candidates.find((r) => !r.prefix) ??
    candidates[0] ??
    config.roots[0]!
  );
}
