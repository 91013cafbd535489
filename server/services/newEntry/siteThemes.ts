import type { ObjectStore } from '../../git/ObjectStore.ts';
import { isSafeRepoPath, joinRepoPath } from '../../git/paths.ts';
import { isTreeMode } from '../../git/treeObject.ts';
import { isMap, readHugoSettings } from '../hugoConfig.ts';
import type { SiteConfig } from '../siteConfig.ts';

// Hugo stops at cycles; Folio also stops at absurd depths of themes of themes.
const MAX_THEMES = 20;

/**
 * The repository folders of the site's themes in Hugo's order, the first one winning: the
 * `module.imports` paths, then `theme` (a name or a list), each followed by the themes its own
 * config names (depth first, as Hugo collects modules). A theme is a folder under `themesDir`
 * (`themes/` by default); one that is not in the repository (a Go module Hugo would download, a
 * vendored `_vendor/` copy) is left out.
 */
export async function siteThemes(
  objects: ObjectStore,
  tree: string,
  config: Pick<SiteConfig, 'siteDir' | 'settings' | 'environment'>,
): Promise<string[]> {
  const themesDir = joinRepoPath(
    config.siteDir,
    typeof config.settings.themesdir === 'string' ? config.settings.themesdir : 'themes',
  );
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = async (settings: Record<string, unknown>): Promise<void> => {
    for (const name of themeNames(settings)) {
      const dir = joinRepoPath(themesDir, name);
      if (seen.has(dir) || found.length >= MAX_THEMES || !isSafeRepoPath(dir)) continue;
      seen.add(dir);
      const entry = await objects.lookup(tree, dir);
      if (!entry || !isTreeMode(entry.mode)) continue;
      found.push(dir);
      const own = await readHugoSettings(objects, tree, {
        siteDir: dir,
        environment: config.environment,
      });
      await visit(own.settings);
    }
  };
  await visit(config.settings);
  return found;
}

// The modules a config imports, then its `theme` (keys are lower case in merged settings).
function themeNames(settings: Record<string, unknown>): string[] {
  const imports = isMap(settings.module) ? settings.module.imports : undefined;
  const paths = (Array.isArray(imports) ? imports : [])
    .filter((i) => isMap(i) && typeof i.path === 'string' && i.disable !== true)
    .map((i) => (i as { path: string }).path);
  const theme = settings.theme;
  const themes = (Array.isArray(theme) ? theme : [theme]).filter(
    (t): t is string => typeof t === 'string' && t.trim() !== '',
  );
  return [...paths, ...themes].map((t) => t.trim());
}
