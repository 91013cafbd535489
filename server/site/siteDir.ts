import type { ObjectStore } from '../git/ObjectStore.ts';
import { PathError, checkRepoPath } from '../git/paths.ts';
import { isFileMode, isTreeMode } from '../git/treeObject.ts';
import { CONFIG_FILES } from '../services/siteConfig.ts';

/** Where the Hugo site lives in the repository, and how Folio knows. */
export interface SiteLocation {
  /** Repository-relative folder of the site ('' for the repository root). */
  dir: string;
  /** 'given': --site-dir; 'detected': the one Hugo site found below the root; 'root': the root. */
  how: 'given' | 'detected' | 'root';
}

/** A --site-dir Folio cannot use, or several sites to choose from: the message says what to do. */
export class SiteDirError extends Error {
  constructor(
    message: string,
    readonly candidates: string[] = [],
  ) {
    super(message);
    this.name = 'SiteDirError';
  }
}

// Folders never holding the site Folio should edit: dependencies, build output, themes.
const SKIPPED = new Set([
  'node_modules',
  'themes',
  'public',
  'resources',
  'vendor',
  'static',
  'assets',
  'content',
  'layouts',
  'archetypes',
  'i18n',
  'data',
  'dist',
  'build',
  'exampleSite',
]);
const MAX_DEPTH = 3;

/** The site folder of `text` (`website/`, `./website`, `.`) as a repository path, '' for the root. */
export function normalizeSiteDir(text: string): string {
  const trimmed = text
    .trim()
    .replace(/^(\.\/+)+/, '')
    .replace(/\/+$/, '');
  if (trimmed === '' || trimmed === '.') return '';
  try {
    return checkRepoPath(trimmed);
  } catch (err) {
    const why = err instanceof PathError ? err.reason : 'not a folder inside the repository';
    throw new SiteDirError(
      `Invalid --site-dir "${text}" (${why}): give the site's folder relative to the repository root, e.g. website/.`,
    );
  }
}

/**
 * Decides where the site is at `tree`: the folder asked for (it must exist), else the root when it
 * has a Hugo config or a content/ folder, else the single folder below (a few levels down) that
 * has a Hugo config. Several such folders throw a SiteDirError listing them.
 */
export async function locateSite(
  objects: ObjectStore,
  tree: string | null,
  requested: string | null,
): Promise<SiteLocation> {
  if (requested !== null) {
    const dir = normalizeSiteDir(requested);
    if (dir && tree) {
      const entry = await objects.lookup(tree, dir);
      if (!entry || !isTreeMode(entry.mode))
        throw new SiteDirError(
          `--site-dir ${dir}/: the repository has no such folder at HEAD. Give the folder that holds the site's hugo.toml (or config.toml) and content/.`,
        );
    }
    return { dir, how: dir ? 'given' : 'root' };
  }
  if (!tree || (await looksLikeSite(objects, tree, true))) return { dir: '', how: 'root' };
  const found: string[] = [];
  await collectSites(objects, tree, '', 1, found);
  if (found.length === 1) return { dir: found[0]!, how: 'detected' };
  if (found.length > 1)
    throw new SiteDirError(
      `This repository holds several Hugo sites (${found.map((d) => `${d}/`).join(', ')}): pass --site-dir (or FOLIO_SITE_DIR) to choose the one to edit.`,
      found,
    );
  return { dir: '', how: 'root' };
}

// A Hugo site: a config file Hugo reads (hugo.* always; config.* only beside content/, archetypes/
// or layouts/, since config.yml alone is too common a name), or config/_default/. At the root a
// content/ folder is enough, as Folio has always read it.
async function looksLikeSite(objects: ObjectStore, tree: string, root: boolean): Promise<boolean> {
  const entries = await objects.readTreeEntries(tree);
  const names = new Map(entries.map((e) => [e.name.toString('utf8'), e.mode]));
  const isFile = (name: string) => isFileMode(names.get(name) ?? '');
  const isDir = (name: string) => isTreeMode(names.get(name) ?? '');
  if (CONFIG_FILES.some((n) => n.startsWith('hugo.') && isFile(n))) return true;
  const siteFolders = ['content', 'archetypes', 'layouts'].some(isDir);
  if (root && isDir('content')) return true;
  if (siteFolders && CONFIG_FILES.some(isFile)) return true;
  if (isDir('config')) {
    const config = entries.find((e) => e.name.toString('utf8') === 'config')!;
    const defaults = await objects.lookup(config.oid, '_default');
    if (defaults && isTreeMode(defaults.mode)) return true;
  }
  return false;
}

async function collectSites(
  objects: ObjectStore,
  tree: string,
  prefix: string,
  depth: number,
  found: string[],
): Promise<void> {
  if (depth > MAX_DEPTH || found.length > 10) return;
  for (const entry of await objects.readTreeEntries(tree)) {
    const name = entry.name.toString('utf8');
    if (!isTreeMode(entry.mode) || name.startsWith('.') || SKIPPED.has(name)) continue;
    const path = prefix ? `${prefix}/${name}` : name;
    if (await looksLikeSite(objects, entry.oid, false)) found.push(path);
    else await collectSites(objects, entry.oid, path, depth + 1, found);
  }
}
