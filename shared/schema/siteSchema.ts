import { z } from 'zod';
import { type FieldSpec, FieldSpecSchema } from '../fields/types.ts';

/**
 * Where a collection's translations are, as Decap names the layouts: `hugo` where Hugo puts each
 * language's page (the language's content folder, else a file-name suffix), `multiple_files`
 * beside the original with the language as a suffix (`post.de.md`, the default language's too
 * unless `omitDefaultLocale`), `multiple_folders` in a folder per language below the collection's
 * folder (`posts/de/post.md`), `single_file` every language's values in one file (Decap's; the
 * form shows one group of fields per language, no translation switch).
 */
export const TRANSLATION_STRUCTURES = [
  'hugo',
  'multiple_files',
  'multiple_folders',
  'single_file',
] as const;
export type TranslationStructure = (typeof TRANSLATION_STRUCTURES)[number];

/** A collection's translations: where they go, and in which languages. */
export interface CollectionI18n {
  structure: TranslationStructure;
  /** The languages the collection is written in (default: the site's languages). */
  locales?: string[];
  /** The language the others translate (default: the site's default language). */
  defaultLocale?: string;
  /** multiple_files: the default language's file has no suffix (`post.md`, Sveltia's option). */
  omitDefaultLocale?: boolean;
}

/** Zod schema of folio.yml's `i18n` of a collection: true, or where the translations go. */
export const CollectionI18nSchema = z.union([
  z.boolean(),
  z.object({
    structure: z
      .enum(['hugo', 'multiple_files', 'multiple_folders'])
      .default('hugo')
      .describe(
        'hugo: where Hugo puts each language; multiple_files: post.de.md beside post.en.md; multiple_folders: <folder>/de/post.md',
      ),
    locales: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe("The collection's languages (default: the site's)"),
    defaultLocale: z
      .string()
      .min(1)
      .optional()
      .describe("The language the others translate (default: the site's default language)"),
    omitDefaultLocale: z
      .boolean()
      .optional()
      .describe("multiple_files: the default language's file has no suffix"),
  }),
]) as z.ZodType<boolean | CollectionI18n>;

/** A file of a `files` collection: one page with its own fields (an about page, a settings file). */
export interface DeclaredFile {
  name: string;
  label?: string;
  /** Repository-relative path of the file. */
  file: string;
  fields: FieldSpec[];
}

/** Zod schema of a declared file. */
export const DeclaredFileSchema: z.ZodType<DeclaredFile> = z.object({
  name: z.string().min(1),
  label: z.string().optional(),
  file: z.string().min(1),
  fields: z.array(FieldSpecSchema),
});

/** A collection as the site declares it: a folder of entries, or a list of single files. */
export interface DeclaredCollection {
  name: string;
  label?: string;
  /** Repository-relative folder of a folder collection. */
  folder?: string;
  /** Where a new entry goes inside `folder`, without extension: `{{slug}}`, `{{year}}/{{slug}}`, `{{slug}}/index`. */
  path?: string;
  /** The file name of a new entry: `{{slug}}` (default), `{{year}}-{{month}}-{{day}}-{{slug}}`... */
  slug?: string;
  /** Whether editors may add entries (default true for a folder collection). */
  create?: boolean;
  /** Front matter format of new files. */
  format?: 'yaml' | 'toml' | 'json';
  /** Only the files whose front matter `field` equals `value` belong to the collection. */
  filter?: { field: string; value: string | number | boolean };
  /** Label of the Markdown body in the form (a Decap `body` field), or false when the files have none. */
  body?: { label?: string; hint?: string } | false;
  /** The list's default order: a field (`date`, `title` or a declared key) and its direction. */
  sort?: CollectionSort;
  /** Keys whose values each row of the list shows beyond title, date and status (`[author, weight]`). */
  columns?: string[];
  /** Translations: `true` where Hugo puts the site's languages, or their layout and languages. */
  i18n?: boolean | CollectionI18n;
  /** The row's title in the list, a Decap summary template: `{{title}} – {{year}}-{{month}}`, `{{date | date('YYYY-MM-DD')}}`. */
  summary?: string;
  /** Preset filters of the list (Decap's `view_filters`). */
  viewFilters?: ViewFilter[];
  fields: FieldSpec[];
  files?: DeclaredFile[];
}

/** A preset filter of the list: the entries whose `field` matches `pattern` (a regular expression for a text, else the value itself). */
export interface ViewFilter {
  /** What the filter bar and `view=` call it: Decap's `name`, else made from the label. */
  id: string;
  label: string;
  field: string;
  pattern: string | number | boolean;
}

/** Zod schema of a preset filter. */
export const ViewFilterSchema: z.ZodType<ViewFilter> = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _')
    .describe('Its name in the URL: view=<id>'),
  label: z.string().min(1).max(100),
  field: z.string().min(1).max(100).describe('A top-level front matter key'),
  pattern: z
    .union([z.string().max(200), z.number(), z.boolean()])
    .describe('A regular expression for text values, else the value itself'),
});

/** A collection's default order in the list. */
export interface CollectionSort {
  field: string;
  order: 'asc' | 'desc';
}

/** Zod schema of a collection's default order. */
export const CollectionSortSchema: z.ZodType<CollectionSort> = z.object({
  field: z.string().min(1).max(100).describe('date, title, or a front matter key'),
  order: z.enum(['asc', 'desc']).default('asc'),
}) as z.ZodType<CollectionSort>;

/** Zod schema of a declared collection (the `collections` items of folio.yml). */
export const DeclaredCollectionSchema: z.ZodType<DeclaredCollection> = z
  .object({
    name: z.string().min(1).describe('Short name, used in the URL of the list'),
    label: z.string().optional().describe('What the list and the menu show'),
    folder: z.string().min(1).optional().describe('Repository-relative folder of the entries'),
    path: z
      .string()
      .optional()
      .describe('Where new entries go inside the folder, e.g. {{slug}}/index'),
    slug: z.string().optional().describe('File name template of new entries, e.g. {{slug}}'),
    create: z.boolean().optional(),
    format: z.enum(['yaml', 'toml', 'json']).optional(),
    filter: z
      .object({ field: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) })
      .optional(),
    body: z
      .union([
        z.object({ label: z.string().optional(), hint: z.string().optional() }),
        z.literal(false),
      ])
      .optional(),
    sort: CollectionSortSchema.optional().describe(
      "The list's default order, e.g. { field: date, order: desc }",
    ),
    columns: z
      .array(z.string().min(1))
      .max(8)
      .optional()
      .describe('Keys the list shows beside title, date and status, e.g. [author, weight]'),
    i18n: CollectionI18nSchema.optional().describe(
      "Translations: true (the site's languages, where Hugo puts them), or { structure, locales, defaultLocale }",
    ),
    summary: z
      .string()
      .max(300)
      .optional()
      .describe("The row's title in the list, e.g. {{title}} ({{date | date('YYYY-MM-DD')}})"),
    viewFilters: z
      .array(ViewFilterSchema)
      .max(20)
      .optional()
      .describe('Preset filters of the list'),
    fields: z.array(FieldSpecSchema).default([]),
    files: z.array(DeclaredFileSchema).optional(),
  })
  .refine((c) => c.folder !== undefined || c.files !== undefined, {
    message: 'A collection needs a folder or a list of files',
  }) as z.ZodType<DeclaredCollection>;

/** Zod schema of folio.yml. */
export const FolioConfigSchema = z.object({
  collections: z.array(DeclaredCollectionSchema),
});
export type FolioConfig = z.infer<typeof FolioConfigSchema>;

/** Something in the site's schema file Folio could not use: where, and what it did instead. */
export interface SchemaProblem {
  /** Where in the file, e.g. `collections.1.fields.3` (`collections.posts.fields.color`). */
  path: string;
  message: string;
}

/** `GET /api/schema`: which file declared the schema, its collections, and what could not be used. */
export interface SiteSchema {
  /** The file read (`folio.yml`, `static/admin/config.yml`...), or null when nothing is declared. */
  source: string | null;
  collections: DeclaredCollection[];
  problems: SchemaProblem[];
}
