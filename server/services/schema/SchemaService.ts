import { parse as parseYaml } from 'yaml';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import {
  type DeclaredCollection,
  FolioConfigSchema,
  type SchemaProblem,
  type SiteSchema,
} from '../../../shared/schema/siteSchema.ts';
import type { ObjectStore } from '../../git/ObjectStore.ts';
import type { EntryIndex } from '../EntryIndex.ts';
import { collectionFolders, translationProblems } from './collectionI18n.ts';
import { mapDecapConfig } from './mapDecapConfig.ts';

/** Where a site declares its schema, in the order Folio looks (the first one found is used). */
export const SCHEMA_FILES = [
  'folio.yml',
  'folio.yaml',
  'static/admin/config.yml',
  'admin/config.yml',
];

const NONE: SiteSchema = { source: null, collections: [], problems: [] };

/** Reads one schema file's text into a schema, reporting what is wrong with it. */
export function parseSchemaFile(source: string, text: string): SiteSchema {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    return {
      source,
      collections: [],
      problems: [
        {
          path: '',
          message: `${source} is not valid YAML (${message}): fix it, Folio infers the fields meanwhile.`,
        },
      ],
    };
  }
  if (!/(^|\/)folio\.ya?ml$/.test(source)) return { source, ...mapDecapConfig(data) };
  const parsed = FolioConfigSchema.safeParse(data);
  if (parsed.success) return { source, collections: parsed.data.collections, problems: [] };
  const problems: SchemaProblem[] = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: `${issue.message}. See docs/schema.md for folio.yml.`,
  }));
  return { source, collections: [], problems };
}

/** The collection (or file) a repository path belongs to, with its declared fields. */
export interface DeclaredEntryFields {
  collection: DeclaredCollection;
  fields: FieldSpec[];
}

/** The schema the site declares (folio.yml, else a Decap/Sveltia config), read once per head. */
export class SchemaService {
  constructor(
    private readonly index: EntryIndex,
    private readonly objects: ObjectStore,
  ) {}

  /** GET /api/schema: the declared schema and its problems (empty when nothing is declared). */
  async current(): Promise<SiteSchema> {
    const snapshot = await this.index.current();
    const cached = snapshot.memo.get('schema') as SiteSchema | undefined;
    if (cached) return cached;
    const read = await this.read(snapshot.head.tree, snapshot.config.siteDir);
    // What the Hugo site's languages say against the declared translations.
    const schema = {
      ...read,
      problems: [...read.problems, ...translationProblems(read.collections, snapshot.config)],
    };
    snapshot.memo.set('schema', schema);
    return schema;
  }

  /** The declared fields of the entry at `path`, or null when no collection declares it. */
  async fieldsFor(
    path: string,
    frontMatter?: Record<string, unknown>,
  ): Promise<DeclaredEntryFields | null> {
    const { collections } = await this.current();
    for (const collection of collections) {
      const file = collection.files?.find((f) => f.file === path);
      if (file) return { collection, fields: file.fields };
    }
    // The deepest folder holding the path wins (content/blog over content), then the order
    // declared; a collection with `i18n: true` also holds its folder in the other languages'.
    const { config } = await this.index.current();
    let found: DeclaredCollection | null = null;
    let depth = -1;
    for (const collection of collections) {
      const folder = collectionFolders(collection, config).find((f) => path.startsWith(`${f}/`));
      if (folder === undefined) continue;
      const filter = collection.filter;
      if (filter && frontMatter && frontMatter[filter.field] !== filter.value) continue;
      if (folder.length > depth) [found, depth] = [collection, folder.length];
    }
    return found ? { collection: found, fields: found.fields } : null;
  }

  // At the repository root first, then (a site in a subfolder) in the site's folder.
  private async read(tree: string | null, siteDir: string): Promise<SiteSchema> {
    if (!tree) return NONE;
    const places = siteDir ? ['', `${siteDir}/`] : [''];
    for (const source of places.flatMap((dir) => SCHEMA_FILES.map((file) => dir + file))) {
      const entry = await this.objects.lookup(tree, source);
      if (!entry || entry.mode.startsWith('4')) continue;
      const text = (await this.objects.readBlob(entry.oid)).toString('utf8');
      return parseSchemaFile(source, text);
    }
    return NONE;
  }
}
