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
  const segments = path.slice(root.dir.length + 1).split('/');
  const file = segments[segments.length - 1]!;
  const dot = file.lastIndexOf('.');
  if (dot <= 0 || !MARKDOWN_EXTENSIONS.includes(file.slice(dot + 1).toLowerCase())) return null;
  let stem = file.slice(0, dot);
  let lang = root.lang;
  const langDot = stem.lastIndexOf('.');
  if (langDot > 0 && config.languages.includes(stem.slice(langDot + 1).toLowerCase())) {
    lang = stem.slice(langDot + 1).toLowerCase();
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

/** The content root that holds `path` (the deepest one, when they nest). */
export function rootOf(config: SiteConfig, path: string): ContentRoot | null {
  let best: ContentRoot | null = null;
  for (const root of config.roots) {
    if (path.startsWith(`${root.dir}/`) && (!best || root.dir.length > best.dir.length))
      best = root;
  }
  return best;
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
  const lang = spec.lang?.toLowerCase() || null;
  if (lang && !config.languages.includes(lang)) {
    throw new ValidationError(
      `Unknown language "${spec.lang}": the site has ${config.languages.join(', ') || 'no languages configured'}.`,
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
  const root = config.roots.find((r) => r.lang !== null && r.lang === lang) ?? config.roots[0]!;
  const suffix = lang && lang !== root.lang && lang !== config.defaultLanguage ? `.${lang}` : '';
  const folder = joinRepoPath(root.dir, spec.collection === ROOT_COLLECTION ? '' : spec.collection);
  const file = spec.bundle ? `${spec.slug}/index${suffix}.md` : `${spec.slug}${suffix}.md`;
  try {
    const path = checkRepoPath(joinRepoPath(folder, file));
    if (!isWithin(path, root.dir)) throw new PathError(path, 'outside the content folder');
    return path;
  } catch (err) {
    if (err instanceof PathError)
      throw new ValidationError(`${err.message} Choose another slug.`, { reason: err.reason });
    throw err;
  }
}
