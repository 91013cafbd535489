import { parseDocument, type ParsedDocument } from '../../../shared/frontmatter/index.ts';
import type { ObjectStore } from '../../git/ObjectStore.ts';
import { isFileMode } from '../../git/treeObject.ts';
import { listFiles } from '../../git/treeDiff.ts';
import { decodeText } from '../decodeText.ts';
import { MARKDOWN_EXTENSIONS } from '../entryPaths.ts';
import { type SiteConfig, parseConfig } from '../siteConfig.ts';
import type { Archetype } from './archetypes.ts';
import {
  renderGoTemplate,
  rfc3339,
  TemplateUnsupported,
  type TemplateValue,
} from './goTemplate.ts';
import type { ZonedTime } from './goTimeFormat.ts';

/** Who the new content is: its section, slug, language, and whether it is a bundle. */
export interface ArchetypeTarget {
  section: string;
  slug: string;
  lang: string | null;
  bundle: boolean;
  /** The file name as Hugo's `hugo new content` would get it, relative to the content folder. */
  contentPath: string;
}

/** An archetype rendered for a new entry: its document, other bundle files, and what Folio left out. */
export interface RenderedArchetype {
  text: string;
  doc: ParsedDocument;
  /** Other files of a bundle archetype, copied as they are (Hugo does not render them either). */
  extras: { name: string; oid: string; mode: string }[];
  notes: string[];
}

/** Site values archetypes read (`.Site.Title`, `.Site.Params.x`), from the site's config file. */
export async function siteValues(
  objects: ObjectStore,
  tree: string | null,
  config: SiteConfig,
): Promise<Record<string, TemplateValue>> {
  let raw: Record<string, unknown> = {};
  if (tree && config.source) {
    const entry = await objects.lookup(tree, config.source);
    const text = entry ? decodeText(await objects.readBlob(entry.oid)) : null;
    try {
      const parsed = text === null ? null : parseConfig(config.source, text);
      if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
    } catch {
      // An unreadable config leaves the site values empty; readSiteConfig already says why.
    }
  }
  const get = (key: string): unknown =>
    raw[Object.keys(raw).find((k) => k.toLowerCase() === key.toLowerCase()) ?? ''];
  return {
    Title: typeof get('title') === 'string' ? (get('title') as string) : '',
    BaseURL: typeof get('baseURL') === 'string' ? (get('baseURL') as string) : '',
    LanguageCode: typeof get('languageCode') === 'string' ? (get('languageCode') as string) : '',
    Copyright: typeof get('copyright') === 'string' ? (get('copyright') as string) : '',
    Params: toTemplateValue(get('params') ?? {}),
  };
}

function toTemplateValue(value: unknown): TemplateValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toTemplateValue);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTemplateValue(v)]));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return String(value);
}

/**
 * Renders an archetype for a new entry as `hugo new content` would: the Go template evaluated
 * with `.Name`, `.Date`, `.File`, `.Section`, `.Site`... Actions Folio cannot evaluate are left
 * empty and named in `notes`; returns null (with the reason in `notes`) when the archetype uses a
 * construct Folio does not evaluate at all or does not render to a readable document.
 */
export async function renderArchetype(
  objects: ObjectStore,
  tree: string,
  archetype: Archetype,
  target: ArchetypeTarget,
  site: Record<string, TemplateValue>,
  now: ZonedTime,
): Promise<RenderedArchetype | { notes: string[] } | null> {
  const files: { path: string; oid: string; mode: string }[] = [];
  if (archetype.bundle) {
    for (const f of await listFiles(objects, tree, archetype.path))
      if (f.after) files.push({ path: f.path, ...f.after });
  } else {
    const entry = await objects.lookup(tree, archetype.path);
    if (entry) files.push({ path: archetype.path, oid: entry.oid, mode: entry.mode });
  }
  const isContent = (path: string) =>
    MARKDOWN_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(`.${ext}`));
  const main = archetype.bundle
    ? files.find((f) => /\/index\.[^/]+$/.test(f.path) && isContent(f.path))
    : files[0];
  if (!main || !isFileMode(main.mode)) return null;
  const source = decodeText(await objects.readBlob(main.oid));
  if (source === null) return { notes: [`${archetype.path} is not UTF-8 text.`] };
  const path = target.contentPath;
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  const fileName = path.slice(dir.length);
  const baseFileName = fileName.replace(/\.[^.]+$/, '');
  const data: TemplateValue = {
    Name: target.slug,
    Date: rfc3339(now),
    Section: target.section,
    Type: target.section,
    Kind: 'page',
    File: {
      ContentBaseName: target.slug,
      BaseFileName: baseFileName,
      TranslationBaseName: baseFileName.replace(/\.[a-z-]+$/i, (m) =>
        target.lang && m.slice(1).toLowerCase() === target.lang ? '' : m,
      ),
      LogicalName: fileName,
      Path: path,
      Dir: dir,
      Ext: fileName.slice(fileName.lastIndexOf('.') + 1),
      Lang: target.lang ?? '',
    },
    Site: { ...site, Language: { Lang: target.lang ?? '' } },
  };
  let rendered;
  try {
    rendered = renderGoTemplate(source, data, now);
  } catch (err) {
    if (!(err instanceof TemplateUnsupported)) throw err;
    return {
      notes: [
        `${main.path} uses {{ ${err.construct} }}, which Folio does not evaluate: the new post was made without it.`,
      ],
    };
  }
  const notes = rendered.skipped.map(
    (action) =>
      `${main.path}: Folio does not evaluate {{ ${action} }} and left it empty; fill it in by hand.`,
  );
  let doc: ParsedDocument;
  try {
    doc = parseDocument(rendered.text);
  } catch (err) {
    return {
      notes: [
        ...notes,
        `${main.path} does not render to front matter Folio can read (${(err as Error).message}): the new post was made without it.`,
      ],
    };
  }
  const extras = files
    .filter((f) => f.path !== main.path && isFileMode(f.mode))
    .map((f) => ({ name: f.path.slice(archetype.path.length + 1), oid: f.oid, mode: f.mode }));
  return { text: rendered.text, doc, extras, notes };
}
