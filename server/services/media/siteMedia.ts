import type { ObjectStore } from '../../git/ObjectStore.ts';
import { joinRepoPath } from '../../git/paths.ts';
import { isFileMode } from '../../git/treeObject.ts';
import { decodeText } from '../decodeText.ts';
import { type SiteConfig, cleanDir, parseConfig } from '../siteConfig.ts';

/** Where a Hugo site keeps its images and at which URL path it is published. */
export interface SiteMedia {
  /** The path part of `baseURL`, always starting and ending with `/` (`/blog/`; `/` by default). */
  basePath: string;
  /** Folders Hugo copies as they are to the site's root (`staticDir`, then the theme's `static`). */
  staticDirs: string[];
  /** Folders templates read with `resources.Get` (`assetDir`, then the theme's `assets`). */
  assetDirs: string[];
}

const DEFAULTS: SiteMedia = { basePath: '/', staticDirs: ['static'], assetDirs: ['assets'] };

/**
 * Reads `baseURL`, `staticDir`, `assetDir` and `theme` from the site's config file (the one
 * readSiteConfig found); anything unreadable leaves Hugo's defaults.
 */
export async function readSiteMedia(
  objects: ObjectStore,
  tree: string | null,
  config: SiteConfig,
): Promise<SiteMedia> {
  const defaults = inSiteDir(DEFAULTS, config.siteDir);
  if (!tree || !config.source) return defaults;
  try {
    const entry = await objects.lookup(tree, config.source);
    if (!entry || !isFileMode(entry.mode)) return defaults;
    const text = decodeText(await objects.readBlob(entry.oid));
    const raw = text === null ? null : parseConfig(config.source, text);
    if (!raw || typeof raw !== 'object') return defaults;
    return inSiteDir(toSiteMedia(raw as Record<string, unknown>), config.siteDir);
  } catch {
    return defaults;
  }
}

// The folders of a site in a subfolder of the repository, as repository paths.
function inSiteDir(media: SiteMedia, siteDir: string): SiteMedia {
  if (!siteDir) return media;
  return {
    ...media,
    staticDirs: media.staticDirs.map((d) => joinRepoPath(siteDir, d)),
    assetDirs: media.assetDirs.map((d) => joinRepoPath(siteDir, d)),
  };
}

/** The site media settings of a parsed config object (keys compared without case, as Hugo does). */
export function toSiteMedia(raw: Record<string, unknown>): SiteMedia {
  const get = (key: string): unknown =>
    raw[Object.keys(raw).find((k) => k.toLowerCase() === key.toLowerCase()) ?? ''];
  const themes = [get('theme')].flat().filter((t): t is string => typeof t === 'string');
  const dirs = (value: unknown, fallback: string, sub: string): string[] => {
    const own = [value]
      .flat()
      .map(cleanDir)
      .filter((d): d is string => d !== null);
    const fromThemes = themes.map((t) => cleanDir(`themes/${t}/${sub}`)).filter((d) => d !== null);
    return [...new Set([...(own.length ? own : [fallback]), ...fromThemes])];
  };
  return {
    basePath: basePathOf(get('baseURL')),
    staticDirs: dirs(get('staticDir'), 'static', 'static'),
    assetDirs: dirs(get('assetDir'), 'assets', 'assets'),
  };
}

function basePathOf(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) return '/';
  try {
    const path = new URL(value.trim(), 'http://site.invalid/').pathname;
    return path.endsWith('/') ? path : `${path}/`;
  } catch {
    return '/';
  }
}
