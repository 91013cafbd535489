import type { FieldSpec } from '../../../shared/fields/types.ts';
import type {
  DeclaredCollection,
  DeclaredFile,
  SchemaProblem,
} from '../../../shared/schema/siteSchema.ts';
import { isRaw, mapDecapField } from './mapDecapField.ts';
import { fieldI18nOf, mapDecapI18n, singleFileFields } from './mapDecapI18n.ts';
import { mapSummary, mapViewFilters } from './mapDecapListSettings.ts';

const FORMATS: Record<string, DeclaredCollection['format']> = {
  yml: 'yaml',
  yaml: 'yaml',
  'yaml-frontmatter': 'yaml',
  toml: 'toml',
  'toml-frontmatter': 'toml',
  json: 'json',
  'json-frontmatter': 'json',
};

/** Collection keys Folio reads. */
const READ_KEYS = new Set([
  'name',
  'label',
  'folder',
  'path',
  'slug',
  'create',
  'format',
  'filter',
  'fields',
  'files',
  'extension',
  'i18n',
  'summary',
  'view_filters',
  'view_groups',
]);
/** Collection keys that only change Decap's looks or workflow. */
const LOOKS_KEYS = new Set([
  'label_singular',
  'description',
  'icon',
  'sortable_fields',
  'identifier_field',
  'editor',
  'preview_path',
  'preview_path_date_field',
  'publish',
  'hide',
  'delete',
  'thumbnail',
  'divider',
  'media_folder',
  'public_folder',
]);
/** Top-level keys of the config that are about Decap's own backend and looks. */
const TOP_LOOKS_KEYS = new Set([
  'backend',
  'local_backend',
  'site_url',
  'display_url',
  'logo_url',
  'logo',
  'locale',
  'show_preview_links',
  'search',
  'slug',
  'editor',
  'publish_mode',
  'app_title',
]);

const cleanFolder = (folder: string): string => folder.replace(/^\.?\/+/, '').replace(/\/+$/, '');

// The fields of a collection or file, with Decap's `body` markdown field taken as the body (and,
// in a translated collection, each field's `i18n`: absent is false, as in Decap).
function mapFields(raw: unknown, where: string, problems: SchemaProblem[], translated = false) {
  const fields: FieldSpec[] = [];
  let body: DeclaredCollection['body'];
  if (!Array.isArray(raw)) {
    problems.push({
      path: where,
      message: 'No fields: the form shows the keys found in the files.',
    });
    return { fields, body };
  }
  raw.forEach((item, i) => {
    const spec = mapDecapField(item, `${where}.${i}`, problems);
    if (!spec) return;
    if (translated) spec.i18n = fieldI18nOf((item as Record<string, unknown>).i18n);
    if (spec.name === 'body' && spec.kind === 'markdown') {
      body = {
        ...(spec.label ? { label: spec.label } : {}),
        ...(spec.hint ? { hint: spec.hint } : {}),
      };
      return;
    }
    fields.push(spec);
  });
  return { fields, body: body ?? false };
}

function mapFile(raw: unknown, where: string, problems: SchemaProblem[]): DeclaredFile | null {
  if (!isRaw(raw) || typeof raw.file !== 'string' || typeof raw.name !== 'string') {
    problems.push({ path: where, message: 'A file entry needs `name` and `file`: left out.' });
    return null;
  }
  if (!/\.(md|markdown|ya?ml|toml|json)$/i.test(raw.file))
    problems.push({
      path: where,
      message: `${raw.file} is neither Markdown nor a YAML, TOML or JSON data file: Folio shows it as missing and cannot edit it.`,
    });
  const { fields } = mapFields(raw.fields, `${where}.fields`, problems);
  return {
    name: raw.name,
    ...(typeof raw.label === 'string' ? { label: raw.label } : {}),
    file: cleanFolder(raw.file),
    fields,
  };
}

// Decap 3's `sortable_fields: {fields, default: {field, direction}}`: the list's default order.
// A plain list only names what Decap's sort menu offers, which Folio's menu offers anyway.
function defaultSortOf(
  raw: unknown,
  at: string,
  problems: SchemaProblem[],
): DeclaredCollection['sort'] {
  if (!isRaw(raw) || !isRaw(raw.default) || typeof raw.default.field !== 'string') return undefined;
  const { field, direction } = raw.default;
  if (field.startsWith('commit_')) {
    problems.push({
      path: `${at}.sortable_fields.default`,
      message: `Folio cannot sort by ${field} (a commit's date or author): the list keeps newest first.`,
    });
    return undefined;
  }
  const descending = typeof direction === 'string' && /^desc/i.test(direction);
  return { field, order: descending ? 'desc' : 'asc' };
}

function mapCollection(
  raw: unknown,
  where: string,
  problems: SchemaProblem[],
  topI18n: unknown,
): DeclaredCollection | null {
  if (!isRaw(raw) || typeof raw.name !== 'string') {
    problems.push({ path: where, message: 'A collection without a name: left out.' });
    return null;
  }
  const at = `${where} (${raw.name})`;
  const collection: DeclaredCollection = { name: raw.name, fields: [] };
  if (typeof raw.label === 'string') collection.label = raw.label;
  if (typeof raw.folder === 'string') {
    collection.folder = cleanFolder(raw.folder);
    if (collection.folder.includes('{{locale}}'))
      problems.push({
        path: at,
        message:
          "A folder with {{locale}} (Sveltia) is not read: Folio looks for the entries in the folder as written. Use i18n structure multiple_folders, or folio.yml with i18n: true on the default language's folder.",
      });
    // Decap only lets editors add entries where the collection says so.
    collection.create = raw.create === true;
    if (typeof raw.path === 'string') collection.path = raw.path;
    if (typeof raw.slug === 'string') collection.slug = raw.slug;
    const i18n = mapDecapI18n(topI18n, raw.i18n, `${at}.i18n`, problems);
    const { fields, body } = mapFields(raw.fields, `${at}.fields`, problems, i18n !== null);
    collection.fields = fields;
    collection.body = body;
    if (i18n) collection.i18n = i18n;
    // One map per locale in the front matter (the body too): each a group of the fields.
    if (i18n?.structure === 'single_file') {
      const withBody = body ? [{ name: 'body', kind: 'markdown' as const, ...body }] : [];
      collection.fields = singleFileFields(
        [...fields, ...withBody.map((f) => ({ ...f, i18n: true }))],
        i18n,
      );
      delete collection.body;
    }
    const sort = defaultSortOf(raw.sortable_fields, at, problems);
    if (sort) collection.sort = sort;
    const summary = mapSummary(raw.summary, at, problems);
    if (summary) collection.summary = summary;
    const viewFilters = mapViewFilters(raw.view_filters, at, problems);
    if (viewFilters) collection.viewFilters = viewFilters;
    if (raw.view_groups !== undefined)
      problems.push({
        path: `${at}.view_groups`,
        message: 'view_groups: the list has no groups; use its filters and sort instead.',
      });
  } else if (Array.isArray(raw.files)) {
    if (raw.i18n !== undefined && raw.i18n !== false)
      problems.push({
        path: `${at}.i18n`,
        message:
          'i18n in a files collection: Folio edits each file as it is, without translations.',
      });
    collection.files = raw.files
      .map((file, i) => mapFile(file, `${at}.files.${i}`, problems))
      .filter((file): file is DeclaredFile => file !== null);
    // A files collection lists its files as declared: Decap offers no new file and no delete.
    collection.create = false;
    for (const key of ['summary', 'view_filters', 'view_groups'])
      if (raw[key] !== undefined)
        problems.push({
          path: `${at}.${key}`,
          message: `${key} is for folder collections: a files collection lists its files as declared.`,
        });
  } else {
    problems.push({ path: at, message: 'A collection needs `folder` or `files`: left out.' });
    return null;
  }
  if (typeof raw.format === 'string') {
    const format = FORMATS[raw.format];
    if (format) collection.format = format;
    else if (raw.format !== 'frontmatter')
      problems.push({
        path: at,
        message: `The format "${raw.format}" is not one Folio writes: new files get YAML front matter.`,
      });
  }
  if (typeof raw.extension === 'string' && !/^(md|markdown)$/.test(raw.extension))
    problems.push({
      path: at,
      message: `Entries with the extension .${raw.extension} are not Markdown pages: Folio lists .md files only.`,
    });
  if (isRaw(raw.filter)) {
    const { field, value } = raw.filter;
    if (
      typeof field === 'string' &&
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    )
      collection.filter = { field, value };
    else
      problems.push({
        path: at,
        message:
          'Only a filter with `field` and `value` is read: this one is left out (every file in the folder belongs to the collection).',
      });
  }
  if (raw.nested !== undefined)
    problems.push({
      path: at,
      message:
        'nested: entries in sub folders are listed with the collection, without a tree of folders.',
    });
  const unused = Object.keys(raw).filter(
    (key) => !READ_KEYS.has(key) && !LOOKS_KEYS.has(key) && key !== 'nested' && key !== 'i18n',
  );
  if (unused.length)
    problems.push({ path: at, message: `Not used by Folio: ${unused.join(', ')}.` });
  return collection;
}

/**
 * A Decap CMS / Sveltia CMS configuration (`static/admin/config.yml`) mapped onto Folio's
 * collections and field kinds, with every part Folio cannot use reported in `problems`.
 */
export function mapDecapConfig(config: unknown): {
  collections: DeclaredCollection[];
  problems: SchemaProblem[];
} {
  const problems: SchemaProblem[] = [];
  if (!isRaw(config) || !Array.isArray(config.collections)) {
    problems.push({
      path: 'collections',
      message:
        'The configuration has no list of collections: Folio infers the fields from the files.',
    });
    return { collections: [], problems };
  }
  const collections = config.collections
    .map((raw, i) => mapCollection(raw, `collections.${i}`, problems, config.i18n))
    .filter((c): c is DeclaredCollection => c !== null);
  if (config.i18n !== undefined && !isRaw(config.i18n))
    problems.push({
      path: 'i18n',
      message: 'i18n must be a map (structure, locales, default_locale): it is left out.',
    });
  if (config.media_folder !== undefined)
    problems.push({
      path: 'media_folder',
      message:
        "Uploads go to Folio's media folder (--media-folder, default static/images/uploads/<year>/), not to this one.",
    });
  const unused = Object.keys(config).filter(
    (key) =>
      !TOP_LOOKS_KEYS.has(key) &&
      !['collections', 'i18n', 'media_folder', 'public_folder'].includes(key),
  );
  if (unused.length)
    problems.push({ path: '', message: `Not used by Folio: ${unused.join(', ')}.` });
  return { collections, problems };
}
