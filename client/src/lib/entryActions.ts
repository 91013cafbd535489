import type { Collection, Entry, FrontMatter } from '../../../shared/api/contract.ts';
import { slugify } from '../../../shared/slugify.ts';
import { collectionOfEntry } from './entryCollection.ts';

/** The parts of an entry id an action needs: its folder, slug, language suffix, extension and whether it is a page bundle. */
export interface EntryName {
  folder: string;
  slug: string;
  /** The language suffix of the file name (`post.en.md`: `en`), or null. */
  lang: string | null;
  ext: string;
  bundle: boolean;
}

/** Splits an entry id (`content/blog/x.en.md`, `content/blog/x/index.md`) into folder, slug, language and extension. */
export function entryName(id: string): EntryName {
  const parts = id.split('/');
  const file = parts.pop() ?? '';
  const match = /^(.*?)(?:\.([a-z]{2,3}(?:[-_][a-z0-9]+)*))?(\.[a-z]+)$/i.exec(file);
  const stem = match?.[1] ?? file;
  const lang = match?.[2] ?? null;
  const ext = match?.[3] ?? '.md';
  const bundle = stem === 'index';
  const slug = bundle ? (parts.pop() ?? '') : stem;
  return { folder: parts.join('/'), slug, lang, ext, bundle };
}

/** The language to ask POST /api/entries for: the file's suffix when the site has that language, else the default. */
export function duplicateLanguage(id: string, collection: Collection | undefined): string {
  const lang = entryName(id).lang;
  return lang && collection?.newEntryPaths && lang in collection.newEntryPaths ? lang : '';
}

/**
 * Where POST /api/entries will put a copy of `id` with `slug`: the collection's own path template
 * for the language, as a bundle when the original is one (and as a plain file when it is not).
 */
export function duplicatePath(
  id: string,
  collection: Collection | undefined,
  slug: string,
): string {
  const name = entryName(id);
  const lang = duplicateLanguage(id, collection);
  let template = collection?.newEntryPaths?.[lang] ?? collection?.newEntryPaths?.[''];
  if (!template) {
    const file = name.bundle ? `{slug}/index${name.lang ? `.${name.lang}` : ''}` : `{slug}`;
    template = `${collection?.path ?? name.folder}/${file}${name.bundle ? '' : name.lang ? `.${name.lang}` : ''}.md`;
  } else if (name.bundle && !template.includes('{slug}/index')) {
    template = template.replace('{slug}', '{slug}/index');
  } else if (!name.bundle && template.includes('{slug}/index')) {
    template = template.replace('{slug}/index', '{slug}');
  }
  return template.replace('{slug}', slugify(slug) || '…');
}

/** The slug suggested for a copy: `<slug>-copy`. */
export function copySlug(id: string): string {
  return `${entryName(id).slug}-copy`;
}

/** The front matter of a copy: the same keys, the title marked "(copy)", always a draft. */
export function copyFrontMatter(frontMatter: FrontMatter): FrontMatter {
  const title = typeof frontMatter.title === 'string' && frontMatter.title ? frontMatter.title : '';
  return { ...frontMatter, title: title ? `${title} (copy)` : 'Copy', draft: true };
}

/** The body of a POST /api/entries that duplicates `entry` under `slug`. */
export function duplicateRequest(entry: Entry, collection: Collection | undefined, slug: string) {
  const lang = duplicateLanguage(entry.id, collection);
  return {
    collection: entry.collection,
    slug: slugify(slug),
    ...(lang ? { lang } : {}),
    ...(entry.format !== 'none' ? { format: entry.format } : {}),
    bundle: entryName(entry.id).bundle,
    frontMatter: copyFrontMatter(entry.frontMatter),
    body: entry.body,
  };
}

/** Why a move target cannot be sent, or null when it looks right (the server checks it again). */
export function moveTargetProblem(from: string, to: string): string | null {
  const target = to.trim();
  if (!target) return 'Type the new path of the file.';
  if (target === from) return 'That is where the post is now: change the path to move it.';
  if (!/\.(md|markdown|mdown|mkd|mkdn)$/i.test(target))
    return 'The new path must end in .md (a Markdown file), for example content/blog/new-name.md.';
  if (target.split('/').some((segment) => segment === '..' || segment === '.' || segment === ''))
    return 'The new path may not contain empty, "." or ".." folders.';
  return null;
}

/**
 * Why `to` cannot take the entry at `from`: it is in another collection whose schema allows no
 * new entries (`canCreate: false`, Decap's and folio.yml's create: false), which the server
 * refuses too. Null otherwise (renaming inside such a collection is allowed).
 */
export function closedCollectionProblem(
  collections: readonly Collection[],
  from: string,
  to: string,
): string | null {
  const target = collectionOfEntry(collections, to.trim());
  if (!target || target === collectionOfEntry(collections, from)) return null;
  const collection = collections.find((c) => c.name === target);
  if (collection?.canCreate !== false) return null;
  return `${collection.label ?? collection.name} takes no new entries (the site’s schema has create: false for it), so nothing can be moved there. Choose another folder.`;
}

/**
 * The paths the Move dialog suggests for `id`: the same file name (or bundle folder) in each other
 * collection that takes new entries, never in one whose schema says create: false.
 */
export function moveSuggestions(
  collections: readonly Collection[],
  id: string,
): { path: string; label: string }[] {
  const name = entryName(id);
  const own = collectionOfEntry(collections, id);
  const lang = name.lang ? `.${name.lang}` : '';
  const tail = name.bundle
    ? `${name.slug}/index${lang}${name.ext}`
    : `${name.slug}${lang}${name.ext}`;
  return collections
    .filter((c) => c.canCreate !== false && c.name !== own && c.path)
    .map((c) => ({ path: `${c.path}/${tail}`, label: c.label ?? c.name }))
    .filter((s) => s.path !== id);
}
