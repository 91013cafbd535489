import type { ObjectStore } from '../../git/ObjectStore.ts';
import { isSafeRepoPath, joinRepoPath } from '../../git/paths.ts';
import { isFileMode, isTreeMode } from '../../git/treeObject.ts';
import { ROOT_COLLECTION } from '../entryPaths.ts';
import { isSafeSection } from '../siteConfig.ts';
import type { SiteConfig } from '../siteConfig.ts';
import { siteThemes } from './siteThemes.ts';

/** One archetype of the site: `archetypes/posts.md`, or a page-bundle folder `archetypes/posts/`. */
export interface Archetype {
  /** The type it is for (`posts`), or `default`. */
  name: string;
  /** Repository path of the file, or of the folder of a bundle archetype. */
  path: string;
  bundle: boolean;
}

/** One `archetypes/` folder (the site's, or a theme's): its `.md` files and folders by name. */
interface ArchetypeLayer {
  files: Map<string, Archetype>;
  folders: Map<string, Archetype>;
}

/**
 * The archetypes `hugo new content` can see, as Hugo's union of archetype folders: the site's
 * own `archetypes/`, then each theme's (module imports, then `theme`, each before its own
 * themes). A name is looked up in every folder before the next name is tried, as Hugo does.
 */
export interface ArchetypeSet {
  /** The first `<name>.md` (file) or `<name>/` (folder, a bundle archetype) of any layer. */
  find(name: string, bundle: boolean): Archetype | null;
  /** The names of the site's own archetypes (not the themes'), `default` included. */
  siteNames(): string[];
}

/** Reads the archetype folders of the site and its themes at `tree`. */
export async function listArchetypes(
  objects: ObjectStore,
  tree: string | null,
  config: Pick<SiteConfig, 'siteDir' | 'settings' | 'environment'>,
): Promise<ArchetypeSet> {
  const layers: ArchetypeLayer[] = [];
  if (tree) {
    layers.push(await readLayer(objects, tree, joinRepoPath(config.siteDir, 'archetypes')));
    for (const theme of await siteThemes(objects, tree, config))
      layers.push(await readLayer(objects, tree, joinRepoPath(theme, 'archetypes')));
  }
  return {
    find(name, bundle) {
      for (const layer of layers) {
        const found = (bundle ? layer.folders : layer.files).get(name);
        if (found) return found;
      }
      return null;
    },
    siteNames: () => {
      const own = layers[0];
      return own ? [...new Set([...own.files.keys(), ...own.folders.keys()])] : [];
    },
  };
}

async function readLayer(objects: ObjectStore, tree: string, dir: string): Promise<ArchetypeLayer> {
  const layer: ArchetypeLayer = { files: new Map(), folders: new Map() };
  const folder = isSafeRepoPath(dir) ? await objects.lookup(tree, dir) : null;
  if (!folder || !isTreeMode(folder.mode)) return layer;
  for (const entry of await objects.readTreeEntries(folder.oid)) {
    const file = entry.name.toString('utf8');
    // `hugo new content posts/x.md` looks for `posts.md` exactly: new entries are `.md` files.
    const isFile = isFileMode(entry.mode) && file.endsWith('.md') && file.length > 3;
    const name = isFile ? file.slice(0, -3) : isTreeMode(entry.mode) ? file : null;
    if (!name || (name !== 'default' && !isSafeSection(name))) continue;
    const archetype = { name, path: `${dir}/${file}`, bundle: !isFile };
    (isFile ? layer.files : layer.folders).set(name, archetype);
  }
  return layer;
}

/** Hugo's type of a new entry of `collection`: its top-level section (`posts` for `posts/2024`). */
export function archetypeType(collection: string): string {
  return collection === ROOT_COLLECTION ? '' : collection.split('/')[0]!;
}

/**
 * The archetype a new entry of `type` gets, as the `hugo new content` command that makes the same
 * file would pick it: `<type>` before `default`, and for each a folder (a bundle archetype, as
 * `hugo new content posts/x` picks it) or a file (`posts/x.md`, or `posts/x/index.md` for a
 * bundle). `bundle` true or false is the entry's layout as asked; undefined lets a folder archetype
 * make the entry a bundle, preferred over the file of the same name when `preferBundle` (the
 * collection's layout) says so.
 */
export function chooseArchetype(
  archetypes: ArchetypeSet,
  type: string,
  bundle: boolean | undefined,
  preferBundle: boolean,
): Archetype | null {
  for (const name of type ? [type, 'default'] : ['default']) {
    const file = archetypes.find(name, false);
    const folder = bundle === false ? null : archetypes.find(name, true);
    if (folder && (bundle === true || preferBundle || !file)) return folder;
    if (file) return file;
  }
  return null;
}

/** Sections Hugo would offer for new content: the site's archetypes (but `default`) and `params.mainSections`. */
export function offeredSections(archetypes: ArchetypeSet, mainSections: string[]) {
  const named = archetypes.siteNames().filter((n) => n !== 'default');
  return [...new Set([...mainSections, ...named])];
}
