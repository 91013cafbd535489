import { checkRepoPath, isWithin, repoDirname } from '../../git/paths.ts';
import type { EntryLocation } from '../entryPaths.ts';
import { IMAGE_EXTENSIONS } from './imageBytes.ts';
import type { SiteMedia } from './siteMedia.ts';

/** True when a repository path names a file with an image extension. */
export function hasImageExtension(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return (
    dot > path.lastIndexOf('/') && IMAGE_EXTENSIONS.includes(path.slice(dot + 1).toLowerCase())
  );
}

/**
 * The URL folder of an entry's page, as Hugo publishes it with default permalinks: a bundle's
 * folder (`content/blog/trip/index.md` -> `/blog/trip/`), a single page's name as a folder
 * (`content/blog/x.en.md` -> `/blog/x/`). Relative references in the page resolve against it.
 */
export function pageFolderUrl(
  entry: Pick<EntryLocation, 'id' | 'root' | 'bundle' | 'slug'>,
): string {
  const inRoot = repoDirname(entry.id.slice(entry.root.dir.length + 1));
  if (entry.bundle) return `/${inRoot ? `${inRoot}/` : ''}`;
  return `/${inRoot ? `${inRoot}/` : ''}${entry.slug}/`;
}

/**
 * The repository paths an image reference written in an entry may name, in the order Hugo looks:
 * a page resource beside the entry (bundle-relative), then the static folders (site paths such as
 * `/images/x.jpg`, with or without the `baseURL` subpath), then the asset folders. External URLs,
 * paths that climb above the site and names breaking the path rules give none.
 */
export function imageCandidates(
  entry: Pick<EntryLocation, 'id' | 'root' | 'bundle' | 'slug'>,
  src: string,
  site: SiteMedia,
): string[] {
  const trimmed = src.trim();
  // A scheme (https:, data:) or a protocol-relative URL is not the site's file.
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return [];
  const bare = trimmed.replace(/[?#].*$/s, '');
  if (!bare) return [];
  let sitePath: string | null;
  if (bare.startsWith('/')) {
    sitePath = bare.startsWith(site.basePath) ? `/${bare.slice(site.basePath.length)}` : bare;
  } else {
    sitePath = resolveUrlPath(pageFolderUrl(entry), bare);
  }
  if (sitePath === null) return [];
  const relative = decodePath(sitePath.replace(/^\/+/, ''));
  if (relative === null || !relative) return [];
  const candidates: string[] = [];
  const add = (folder: string) => {
    try {
      const path = checkRepoPath(folder ? `${folder}/${relative}` : relative);
      if (isWithin(path, folder) && hasImageExtension(path) && !candidates.includes(path))
        candidates.push(path);
    } catch {
      // a name no file of the repository can have
    }
  };
  add(entry.root.dir);
  for (const dir of site.staticDirs) add(dir);
  for (const dir of site.assetDirs) add(dir);
  return candidates;
}

/**
 * The reference to write in an entry for the image at `path`: its path inside the entry's
 * bundle when it is in one (Hugo finds it as a page resource), otherwise the site path Hugo serves it at,
 * under the `baseURL` subpath (null for a file no URL reaches, such as one in assets/).
 */
export function referenceFor(
  entry: Pick<EntryLocation, 'id' | 'bundle'> | null,
  path: string,
  site: SiteMedia,
  contentDirs: readonly string[],
): string | null {
  // A page resource: its path inside the bundle (Hugo's .Resources.GetMatch and a relative link both find it).
  const bundleDir = entry?.bundle ? repoDirname(entry.id) : null;
  if (bundleDir && isWithin(path, bundleDir)) return encodePath(path.slice(bundleDir.length + 1));
  return siteUrlOf(path, site, contentDirs);
}

/** The URL path (with the `baseURL` subpath) Hugo publishes a static file or a page resource at; null for assets. */
export function siteUrlOf(
  path: string,
  site: SiteMedia,
  contentDirs: readonly string[],
): string | null {
  const from = [...site.staticDirs, ...contentDirs].find(
    (dir) => isWithin(path, dir) && path !== dir,
  );
  if (from === undefined) return null;
  return `${site.basePath}${encodePath(path.slice(from.length + 1))}`;
}

// Resolves a relative URL path against a folder URL ("../x.jpg" from "/a/b/"), null above the root.
function resolveUrlPath(folder: string, relative: string): string | null {
  const parts = folder.split('/').filter(Boolean);
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(segment);
  }
  return `/${parts.join('/')}`;
}

function decodePath(path: string): string | null {
  try {
    return path
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/');
  } catch {
    return null;
  }
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
