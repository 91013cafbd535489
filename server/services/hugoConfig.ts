import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { ObjectUnavailableError } from '../git/ObjectStore.ts';
import type { ObjectStore } from '../git/ObjectStore.ts';
import { joinRepoPath } from '../git/paths.ts';
import { isFileMode, isTreeMode } from '../git/treeObject.ts';
import { decodeText } from './decodeText.ts';

/** A Hugo site's configuration as Hugo merges it: every file read, keys in lower case. */
export interface HugoSettings {
  /** The merged settings (keys lower-cased at every level, as Hugo does). */
  settings: Record<string, unknown>;
  /** The files read, in the order they were merged (later ones win). */
  sources: string[];
}

/** Root config files in Hugo's order: the first one found is the only one read. */
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
/** Hugo's environment when it builds the site (`hugo`; `hugo server` uses development). */
export const DEFAULT_HUGO_ENVIRONMENT = 'production';

/** The site's folder in the repository ('' at the root) and the Hugo environment to read. */
export interface HugoSettingsScope {
  siteDir: string;
  environment: string;
}
const ROOT_SCOPE: HugoSettingsScope = { siteDir: '', environment: DEFAULT_HUGO_ENVIRONMENT };
const EXTENSIONS = /\.(toml|ya?ml|json)$/;

/**
 * Reads a site's configuration as `hugo` does: the first root `hugo.*`/`config.*` file, then every
 * file of `config/_default/`, then of `config/<environment>/`, each merged over the ones before.
 * In a config folder, `hugo.*` and `config.*` hold top-level settings and any other file is the
 * setting it is named after (`languages.toml`, `menus.en.toml` -> languages.en.menus,
 * `languages.es.toml` -> languages.es). A file Folio cannot read is skipped with a warning.
 */
export async function readHugoSettings(
  objects: ObjectStore,
  tree: string | null,
  { siteDir, environment }: HugoSettingsScope = ROOT_SCOPE,
): Promise<HugoSettings> {
  const result: HugoSettings = { settings: {}, sources: [] };
  if (!tree) return result;
  const merge = async (path: string, keyPath: string[]): Promise<boolean> => {
    const entry = await objects.lookup(tree, path);
    if (!entry || !isFileMode(entry.mode)) return false;
    const data = await readConfigFile(objects, path, entry.oid);
    if (!data) return true;
    let wrapped: Record<string, unknown> = data;
    for (const key of [...keyPath].reverse()) wrapped = { [key]: wrapped };
    mergeSettings(result.settings, wrapped);
    result.sources.push(path);
    return true;
  };
  for (const name of CONFIG_FILES) if (await merge(joinRepoPath(siteDir, name), [])) break;
  for (const folder of configFolders(siteDir, environment)) {
    const entry = await objects.lookup(tree, folder);
    if (!entry || !isTreeMode(entry.mode)) continue;
    const names = (await objects.readTreeEntries(entry.oid))
      .filter((e) => isFileMode(e.mode))
      .map((e) => e.name.toString('utf8'))
      .filter((name) => EXTENSIONS.test(name))
      .sort();
    for (const name of names) await merge(`${folder}/${name}`, keyPathOf(name));
  }
  return result;
}

/** A key that changes whenever a file readHugoSettings reads (or could read) changes. */
export async function hugoSettingsStamp(
  objects: ObjectStore,
  tree: string | null,
  { siteDir, environment }: HugoSettingsScope = ROOT_SCOPE,
): Promise<string> {
  const parts: string[] = [siteDir, environment];
  if (!tree) return parts.join(',');
  const files = CONFIG_FILES.map((name) => joinRepoPath(siteDir, name));
  for (const path of [...files, ...configFolders(siteDir, environment)])
    parts.push((await objects.lookup(tree, path))?.oid ?? '-');
  return parts.join(',');
}

// The config folders Hugo reads after the root file, in merge order.
function configFolders(siteDir: string, environment: string): string[] {
  return [`config/_default`, `config/${environment}`].map((f) => joinRepoPath(siteDir, f));
}

/** Parses a config file's text by its name's extension (TOML, JSON, else YAML 1.1 as Hugo reads it). */
export function parseConfig(name: string, text: string): unknown {
  if (name.endsWith('.toml')) return parseToml(text);
  if (name.endsWith('.json')) return JSON.parse(text);
  // Hugo's YAML is 1.1: `no:` (Norwegian) is the boolean false, so its language is "false".
  return parseYaml(text, { version: '1.1', maxAliasCount: 100 });
}

/** Deep-merges `from` into `into` with keys lower-cased; maps merge, anything else replaces. */
export function mergeSettings(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [rawKey, value] of Object.entries(from)) {
    const key = rawKey.toLowerCase();
    if (key === '__proto__') continue;
    const current = into[key];
    if (isMap(value)) {
      const target = isMap(current) ? current : {};
      mergeSettings(target, value);
      into[key] = target;
    } else {
      into[key] = Array.isArray(value) ? value.map(lowerKeys) : value;
    }
  }
}

/** A value of a parsed config file that is a table/map. */
export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerKeys(value: unknown): unknown {
  if (!isMap(value)) return value;
  const out: Record<string, unknown> = {};
  mergeSettings(out, value);
  return out;
}

// The setting a file of a config folder holds: none for hugo.*/config.*, else its name, and a
// language-specific one (`params.fr.toml`) under languages.<lang>.
function keyPathOf(fileName: string): string[] {
  const base = fileName.replace(EXTENSIONS, '');
  if (base === 'hugo' || base === 'config') return [];
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return [base];
  const name = base.slice(0, dot);
  const lang = base.slice(dot + 1);
  if (name === 'menu' || name === 'menus') return ['languages', lang, 'menus'];
  if (name === 'params') return ['languages', lang, 'params'];
  return ['languages', lang];
}

async function readConfigFile(
  objects: ObjectStore,
  path: string,
  oid: string,
): Promise<Record<string, unknown> | null> {
  try {
    const text = decodeText(await objects.readBlob(oid));
    const data = text === null ? null : parseConfig(path, text);
    if (isMap(data)) return data;
    if (data !== null && data !== undefined)
      console.warn(`Folio ignores ${path}: it does not hold a table of settings.`);
    return null;
  } catch (err) {
    // A partial clone without the blob, or a file Hugo would refuse too: the rest still applies.
    const why = err instanceof ObjectUnavailableError ? 'its contents are not in this clone' : '';
    console.warn(`Folio could not read ${path} (${why || (err as Error).message}); skipping it.`);
    return null;
  }
}
