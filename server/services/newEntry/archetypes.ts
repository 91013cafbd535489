import type { ObjectStore } from '../../git/ObjectStore.ts';
import { joinRepoPath } from '../../git/paths.ts';
import { isFileMode, isTreeMode } from '../../git/treeObject.ts';
import { MARKDOWN_EXTENSIONS } from '../entryPaths.ts';
import { isSafeSection } from '../siteConfig.ts';

/** One archetype of the site: `archetypes/posts.md`, or a page-bundle folder `archetypes/posts/`. */
export interface Archetype {
  /** The section it is for (`posts`), or `default`. */
  name: string;
  /** Repository path of the file, or of the folder of a bundle archetype. */
  path: string;
  bundle: boolean;
}

/** The archetypes in `<siteDir>/archetypes/` by name (sections, and `default`). */
export async function listArchetypes(
  objects: ObjectStore,
  tree: string | null,
  siteDir: string,
): Promise<Map<string, Archetype>> {
  const found = new Map<string, Archetype>();
  if (!tree) return found;
  const dir = joinRepoPath(siteDir, 'archetypes');
  const folder = await objects.lookup(tree, dir);
  if (!folder || !isTreeMode(folder.mode)) return found;
  for (const entry of await objects.readTreeEntries(folder.oid)) {
    const file = entry.name.toString('utf8');
    const dot = file.lastIndexOf('.');
    const isMarkdown =
      isFileMode(entry.mode) &&
      dot > 0 &&
      MARKDOWN_EXTENSIONS.includes(file.slice(dot + 1).toLowerCase());
    const name = isMarkdown ? file.slice(0, dot) : isTreeMode(entry.mode) ? file : null;
    if (!name || (name !== 'default' && !isSafeSection(name))) continue;
    // Hugo prefers the folder (a bundle archetype) over a file of the same name.
    if (found.get(name)?.bundle) continue;
    found.set(name, { name, path: `${dir}/${file}`, bundle: !isMarkdown });
  }
  return found;
}

/** Sections Hugo would offer for new content: archetypes (but `default`) and `params.mainSections`. */
export function offeredSections(archetypes: Map<string, Archetype>, mainSections: string[]) {
  return [...new Set([...mainSections, ...[...archetypes.keys()].filter((n) => n !== 'default')])];
}
