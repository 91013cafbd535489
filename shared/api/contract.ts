import { z } from 'zod';
import { EntryPermissionsSchema } from './accounts.ts';
import { FieldSpecSchema, type FieldSpec } from '../fields/types.ts';

// Users, sessions, profiles and per-entry permissions.
export * from './accounts.ts';

/** A JSON value as front matter holds it (dates stay the strings the author wrote). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** Zod schema for a JSON value. */
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);
/** Front matter as the API carries it: a JSON object. */
export const FrontMatterSchema = z.record(z.string(), JsonValueSchema);
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** A blob or commit id: 40 lowercase hex characters. */
export const OidSchema = z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-character hex object id');

/** Progress of the background history index: `ready` once entry history is answered from it. */
export const HistoryIndexProgressSchema = z.object({
  ready: z.boolean(),
  indexed: z.number(),
  total: z.number(),
});
export type HistoryIndexProgress = z.infer<typeof HistoryIndexProgressSchema>;

/** GET /api/health answer. */
export const HealthSchema = z.object({
  ok: z.boolean(),
  head: z.string().nullable(),
  historyIndex: HistoryIndexProgressSchema,
});
export type Health = z.infer<typeof HealthSchema>;

/** A field of a collection: declared by the site's schema, or inferred from the values seen in its files. */
export type Field = FieldSpec;

/** A file of a `files` collection as GET /api/collections lists it. */
export const DeclaredFileInfoSchema = z.object({
  /** The file's name in the schema (Decap's `name`). */
  name: z.string(),
  label: z.string().optional(),
  /** Its repository path, which is its entry id. */
  path: z.string(),
  /** `markdown` (front matter and a body), or the syntax of a data file (no body). */
  format: z.enum(['markdown', 'yaml', 'toml', 'json']),
  /** False until the file exists at the head: opening it offers to create it with its fields' defaults. */
  exists: z.boolean(),
  fields: z.array(FieldSpecSchema),
});
export type DeclaredFileInfo = z.infer<typeof DeclaredFileInfoSchema>;

/** A preset filter of the list (Decap's `view_filters`): `view=<id>` in GET /api/entries. */
export const ViewFilterInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  field: z.string(),
  pattern: z.union([z.string(), z.number(), z.boolean()]),
});

/** A collection: a folder under the site's content directory ("." for pages directly in it), or a list of declared files. */
export const CollectionSchema = z.object({
  name: z.string(),
  path: z.string(),
  count: z.number(),
  /**
   * The collection's fields: those the site's schema declares (with the values already used as
   * suggestions), else those inferred from its files.
   */
  fields: z.array(FieldSpecSchema),
  /**
   * Where POST /api/entries puts a new entry of this collection, by language code ("" for none
   * given: the site's default), with `{slug}` standing for the slug; on a multilingual site each language is a key too.
   */
  newEntryPaths: z.record(z.string(), z.string()).optional(),
  /** The collection's name as the site's schema labels it (folio.yml, a Decap config). */
  label: z.string().optional(),
  /** True when `fields` are declared by the site's schema (folio.yml, a Decap config), not inferred. */
  declared: z.boolean().optional(),
  /**
   * False when the site's schema does not allow new entries in it (Decap's `create: false`, the
   * default there, or folio.yml's): POST /api/entries refuses them, duplicates included.
   */
  canCreate: z.boolean().optional(),
  /** The list's default order the schema declares (absent: newest first). */
  sort: z.object({ field: z.string(), order: z.enum(['asc', 'desc']) }).optional(),
  /** Keys the list's rows show beyond title, date and status (their values are `columns` of each row). */
  columns: z.array(z.string()).optional(),
  /** `files` for a collection of declared files (Decap's `files`): its entries are exactly `files`; absent: a folder. */
  kind: z.enum(['folder', 'files']).optional(),
  /** The declared files of a `files` collection, in the order declared. */
  files: z.array(DeclaredFileInfoSchema).optional(),
  /** The rows' title template (Decap's `summary`), rendered by the server into each row's `title`. */
  summary: z.string().optional(),
  /** Preset filters of the list (Decap's `view_filters`). */
  viewFilters: z.array(ViewFilterInfoSchema).optional(),
});
export type Collection = z.infer<typeof CollectionSchema>;

/** GET /api/collections answer. */
export const CollectionListSchema = z.object({ items: z.array(CollectionSchema) });
export type CollectionList = z.infer<typeof CollectionListSchema>;

/** What Hugo does with an entry now: not built (draft), built later (scheduled), built, no longer built (expired). */
export const EntryStatusSchema = z.enum(['draft', 'scheduled', 'published', 'expired']);
export type EntryStatus = z.infer<typeof EntryStatusSchema>;

/** One row of the entry list. */
export const EntrySummarySchema = z.object({
  id: z.string(),
  collection: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  draft: z.boolean(),
  /** The front matter's top-level keys set to true; the collection's flag fields say which the row shows. */
  flags: z.array(z.string()),
  /** Hugo's verdict at the time of the answer (null: the front matter cannot be read). */
  status: EntryStatusSchema.nullable(),
  /** When it goes live (scheduled) or went offline (expired), in the site's time zone with its offset. */
  statusAt: z.string().optional(),
  /**
   * Set when the site's config (`buildDrafts`, `buildFuture`, `buildExpired`) makes a plain `hugo`
   * build publish this draft, scheduled or expired entry anyway: the settings that do it.
   */
  builtBy: z.array(z.enum(['buildDrafts', 'buildFuture', 'buildExpired'])).optional(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  authors: z.array(z.string()),
  lang: z.string().nullable(),
  oid: z.string(),
  /** Set when Folio cannot parse the file's front matter. */
  error: z.string().optional(),
  /** In a `files` collection: the declared file's name. */
  file: z.string().optional(),
  /** In a `files` collection: the declared file does not exist yet (`oid` is empty). */
  missing: z.boolean().optional(),
  /**
   * The values of the columns its collection declares (`columns` of folio.yml), by key: a text,
   * a number, true/false, or a list; absent keys have no value.
   */
  columns: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .optional(),
  /** What the signed-in user may do with this entry (their role, ownership, collections). */
  can: EntryPermissionsSchema.optional(),
});
export type EntrySummary = z.infer<typeof EntrySummarySchema>;

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

const flagParam = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')))
  .pipe(
    z
      .array(
        z
          .string()
          .trim()
          .regex(/^!?[^!,\s][^,]{0,99}$/, 'a flag is a key, or !key for off'),
      )
      .max(20),
  )
  .transform((names) =>
    names.map((name) =>
      name.startsWith('!') ? { name: name.slice(1), on: false } : { name, on: true },
    ),
  );

/** The prefix of a field filter's parameter, and of a field's sort: `field.series=go`, `sort=field.weight`. */
export const FIELD_PARAM = 'field.';
const SORT_PATTERN = /^-?(date|title|field\.[^,\s]{1,100})$/;

/** GET /api/entries query. */
export const EntryListQuerySchema = z.object({
  collection: z.string().optional(),
  q: z.string().max(200).optional(),
  draft: booleanParam.optional(),
  /**
   * Flags the entries must have on (`featured`) or off (`!featured`): comma-separated or repeated
   * (`flag=featured,!pinned`).
   */
  flag: flagParam.optional(),
  /** One status or several (`status=draft,scheduled` or the parameter repeated): entries in any of them. */
  status: z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(EntryStatusSchema)
        .min(1, 'Give at least one status: draft, scheduled, published or expired.'),
    )
    .optional(),
  tag: z.string().optional(),
  category: z.string().optional(),
  author: z.string().optional(),
  /** Language code (from the file name suffix or the content folder). */
  lang: z.string().max(20).optional(),
  /**
   * `date`, `title` or `field.<key>`, `-` first for descending. Absent: the default sort of the
   * collection in view (folio.yml `sort`), else newest first.
   */
  sort: z
    .string()
    .regex(SORT_PATTERN, 'sort is date, title or field.<key>, with - first for descending')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
  /**
   * Field filters, from the `field.<key>=value` parameters (repeated or comma-separated: any of
   * the values); a key's values match its text values without case or accents.
   */
  fields: z.record(z.string(), z.array(z.string().min(1).max(200)).min(1).max(50)).optional(),
  /** A preset filter of the collection in view (`viewFilters[].id`, Decap's `view_filters`). */
  view: z.string().max(64).optional(),
});
export type EntryListQuery = z.infer<typeof EntryListQuerySchema>;

/** Reads GET /api/entries' query: the `field.<key>` parameters gathered into `fields`. */
export function parseEntryListQuery(query: Record<string, unknown>): EntryListQuery {
  const rest: Record<string, unknown> = {};
  const fields: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!name.startsWith(FIELD_PARAM)) {
      rest[name] = value;
      continue;
    }
    const key = name.slice(FIELD_PARAM.length);
    const values = (Array.isArray(value) ? value : [value])
      .flatMap((v) => String(v).split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (key && values.length) fields[key] = [...(fields[key] ?? []), ...values];
  }
  if (Object.keys(fields).length) rest.fields = fields;
  return EntryListQuerySchema.parse(rest);
}

/** GET /api/entries answer. */
export const EntryListSchema = z.object({
  items: z.array(EntrySummarySchema),
  total: z.number(),
  nextCursor: z.string().nullable(),
  /** The sort applied: the one asked for, else the collection's default (`-date` when none). */
  sort: z.string(),
});
export type EntryList = z.infer<typeof EntryListSchema>;

/** Parse error of a file Folio shows read-only. */
export const ParseErrorInfoSchema = z.object({
  message: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
});

/** A translation of an entry: another language's page linked to it (path or translationKey). */
export const EntryTranslationSchema = z.object({
  lang: z.string(),
  id: z.string(),
  title: z.string().nullable(),
});

/** An entry's language and its translations, as Hugo links them. */
export const EntryTranslationsSchema = z.object({
  /** The entry's language as Hugo gives it. */
  lang: z.string(),
  /** The other languages' versions, in the site's language order (empty on a one-language site). */
  translations: z.array(EntryTranslationSchema),
  /**
   * The languages a translation of this entry may be created in that it has no version in yet:
   * the site's (not disabled), or its declared collection's translated languages (none when the
   * collection declares no `i18n`).
   */
  missingTranslations: z.array(z.string()),
  /**
   * In a declared collection with translations: the language the others translate (its default
   * locale). In the other languages' versions the form leaves out the fields with `i18n: false`
   * and locks those with `i18n: duplicate`.
   */
  originalLanguage: z.string().optional(),
  /** `languageName` of the languages whose config names one. */
  languageNames: z.record(z.string(), z.string()),
});
export type EntryTranslations = z.infer<typeof EntryTranslationsSchema>;

/** GET /api/entries/{id} answer. */
export const EntrySchema = z.object({
  id: z.string(),
  collection: z.string(),
  format: z.enum(['yaml', 'toml', 'json', 'none']),
  frontMatter: FrontMatterSchema,
  body: z.string(),
  oid: z.string(),
  head: z.string(),
  /** Raw text and parse error when the file cannot be parsed (then it is read-only). */
  raw: z.string().optional(),
  parseError: ParseErrorInfoSchema.optional(),
  /** Comments of the front matter by the top-level key they belong to (`""`: the others), read-only. */
  comments: z.record(z.string(), z.array(z.string())).optional(),
  /** What the signed-in user may do with this entry (their role, ownership, collections). */
  can: EntryPermissionsSchema.optional(),
  /** Set when the file is declared by a `files` collection: its fields are that file's own. */
  declaredFile: z.object({ collection: z.string(), name: z.string() }).optional(),
  /** Set for a YAML, TOML or JSON data file: `frontMatter` is the whole file and there is no body. */
  dataFile: z.boolean().optional(),
  ...EntryTranslationsSchema.partial().shape,
});
export type Entry = z.infer<typeof EntrySchema>;

/** A commit author or committer. */
export const PersonSchema = z.object({ name: z.string(), email: z.string() });

/** GET /api/entries/{id}/versions/{commit} answer: the entry as it was in `commit` (`id` is its path then). */
export const EntryVersionSchema = EntrySchema.extend({
  commit: z.string(),
  /** The commit's message (trailing whitespace trimmed), author and author date (with its offset). */
  commitInfo: z.object({ message: z.string(), author: PersonSchema, date: z.string() }),
});
export type EntryVersion = z.infer<typeof EntryVersionSchema>;

const messageField = z.string().trim().max(2000).optional();

/** POST /api/entries body. */
export const CreateEntryRequestSchema = z.object({
  collection: z.string().min(1),
  slug: z.string().min(1).max(200).optional(),
  lang: z.string().max(20).optional(),
  format: z.enum(['yaml', 'toml', 'json']).optional(),
  /** Create `slug/index.md` (a page bundle) instead of `slug.md`; default: what the collection mostly uses. */
  bundle: z.boolean().optional(),
  /** The front matter to write; absent: the server makes it (declared defaults, the section's archetype, or the keys its posts share). */
  frontMatter: FrontMatterSchema.optional(),
  /** The title of a post whose front matter the server makes. */
  title: z.string().trim().max(300).optional(),
  /** The body; absent: the archetype's, or empty. */
  body: z.string().optional(),
  /** The editor's UTC offset in minutes (east), for the dates the server fills in. */
  utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
  /** Create the declared file of this name of the `files` collection `collection`, at its declared path. */
  file: z.string().min(1).max(200).optional(),
  message: messageField,
});
export type CreateEntryRequest = z.infer<typeof CreateEntryRequestSchema>;

/** POST /api/entries body that creates `lang`'s translation of the entry `translationOf`, as a draft copy of it. */
export const CreateTranslationRequestSchema = z.object({
  translationOf: z.string().min(1),
  lang: z.string().min(1).max(20),
  message: messageField,
});
export type CreateTranslationRequest = z.infer<typeof CreateTranslationRequestSchema>;

/** PUT /api/entries/{id} body. */
export const UpdateEntryRequestSchema = z.object({
  frontMatter: FrontMatterSchema,
  body: z.string(),
  baseOid: OidSchema,
  message: messageField,
});
export type UpdateEntryRequest = z.infer<typeof UpdateEntryRequestSchema>;

/** PATCH /api/entries/{id} body: field-level quick changes. */
export const PatchEntryRequestSchema = z.object({
  set: FrontMatterSchema.default({}),
  unset: z.array(z.string()).default([]),
  baseOid: OidSchema.optional(),
  message: messageField,
});
export type PatchEntryRequest = z.infer<typeof PatchEntryRequestSchema>;

/** POST /api/entries/{id}/move body. */
export const MoveEntryRequestSchema = z.object({
  to: z.string().min(1),
  baseOid: OidSchema,
  message: messageField,
});
export type MoveEntryRequest = z.infer<typeof MoveEntryRequestSchema>;

/** DELETE /api/entries/{id} query: the version being deleted. */
export const DeleteEntryQuerySchema = z.object({ baseOid: OidSchema });

/** POST /api/entries/{id}/bundle body: the version the editor sees. */
export const BundleEntryRequestSchema = z.object({ baseOid: OidSchema });
export type BundleEntryRequest = z.infer<typeof BundleEntryRequestSchema>;

/** POST /api/entries/{id}/restore body. */
export const RestoreEntryRequestSchema = z.object({
  commit: OidSchema,
  baseOid: OidSchema.optional(),
  message: messageField,
});
export type RestoreEntryRequest = z.infer<typeof RestoreEntryRequestSchema>;

/** Answer of every write: the entry's new blob and the commit (null when nothing changed). */
export const WriteResultSchema = z.object({
  id: z.string(),
  oid: z.string().nullable(),
  commit: z.string().nullable(),
  changed: z.boolean(),
  /**
   * Whether the commit is on the site's remote: `pushed`, `pending` (committed here, waiting to be
   * sent: the remote was unreachable) or `off` (no remote).
   */
  sync: z.enum(['pushed', 'pending', 'off']).optional(),
});
export type WriteResult = z.infer<typeof WriteResultSchema>;

/** One commit in a history list. */
export const CommitSummarySchema = z.object({
  commit: z.string(),
  message: z.string(),
  author: PersonSchema,
  date: z.string(),
  /** In an entry's history: the entry's path in this commit (it changes when the entry was moved). */
  id: z.string().optional(),
  /** In an entry's history: set on a commit that deleted the entry (restore it from an older commit). */
  deleted: z.boolean().optional(),
});
export type CommitSummary = z.infer<typeof CommitSummarySchema>;

/** A page of history. */
export const CommitListSchema = z.object({
  items: z.array(CommitSummarySchema),
  nextCursor: z.string().nullable(),
  /**
   * Set when this page lists a commit at the boundary of a shallow clone: git has not fetched its
   * parents, so the history shown ends there (git log shows it as a root commit too).
   */
  shallow: z.boolean().optional(),
  /**
   * Set when, on this page, the history of a file renamed with edits could not be followed further
   * back: telling which file it came from takes content a partial clone does not have.
   */
  unavailable: z.boolean().optional(),
});
export type CommitList = z.infer<typeof CommitListSchema>;

/** GET /api/entries/{id}/history query. */
export const HistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(8192).optional(),
});

/** GET /api/commits query. */
export const CommitListQuerySchema = HistoryQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  author: z.string().max(200).optional(),
});

/** One front matter key that a commit changed. */
export const FieldChangeSchema = z.object({
  key: z.string(),
  before: JsonValueSchema.optional(),
  after: JsonValueSchema.optional(),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** One file a commit changed. */
export const FileChangeSchema = z.object({
  id: z.string(),
  previousId: z.string().optional(),
  status: z.enum(['added', 'modified', 'deleted', 'renamed']),
  frontMatter: z.array(FieldChangeSchema),
  /** Unified diff of the body (Markdown) or of the whole text (other files); empty for binary files. */
  body: z.string(),
  /** Blob ids before and after. */
  before: z.string().optional(),
  after: z.string().optional(),
  /** Set when a partial clone does not have the content of either side: then there is no diff. */
  unavailable: z.boolean().optional(),
});
export type FileChange = z.infer<typeof FileChangeSchema>;

/** GET /api/commits/{oid} answer. */
export const CommitDetailSchema = CommitSummarySchema.extend({
  parents: z.array(z.string()),
  changes: z.array(FileChangeSchema),
  /** Set when the commit changed more files than the answer lists. */
  truncated: z.boolean().optional(),
  /**
   * Set for a commit at the boundary of a shallow clone: its parents are not in this clone, so
   * `parents` is empty and every file counts as added, as `git show` shows it there.
   */
  shallow: z.boolean().optional(),
});
export type CommitDetail = z.infer<typeof CommitDetailSchema>;
