import type { Collection, DeclaredFileInfo } from '../../shared/api/contract.ts';
import { dataFileFormat } from '../../shared/frontmatter/dataFile.ts';
import { isFileMode } from '../git/treeObject.ts';
import type { FieldSpec } from '../../shared/fields/types.ts';
import { isSafeRepoPath, joinRepoPath } from '../git/paths.ts';
import type { EntryIndex, IndexedEntry } from './EntryIndex.ts';
import { collectionStyle } from './EntryWriteService.ts';
import { ROOT_COLLECTION, buildEntryPath } from './entryPaths.ts';
import { inferFields } from './inferFields.ts';
import { withSuggestions } from './fieldSuggestions.ts';
import { archetypeFields, withArchetypeFields } from './newEntry/archetypeFields.ts';
import {
  archetypeType,
  chooseArchetype,
  listArchetypes,
  offeredSections,
} from './newEntry/archetypes.ts';
import type { ObjectStore } from '../git/ObjectStore.ts';
import type { SchemaService } from './schema/SchemaService.ts';
import type { DeclaredCollection } from '../../shared/schema/siteSchema.ts';
import type { SiteConfig } from './siteConfig.ts';
import { type ListSettings, inCollection } from './listEntries.ts';
import { listSettingsOf } from './listSettings.ts';

/** What `newEntryPaths` puts where the slug goes. */
export const SLUG_PLACEHOLDER = '{slug}';
const SENTINEL = 'folio-new-entry-slug';

/** The site's collections: the folders under the content folder, with fields inferred from their files. */
export class CollectionService {
  constructor(
    private readonly index: EntryIndex,
    private readonly schema: SchemaService,
    private readonly objects: ObjectStore,
  ) {}

  /**
   * The paths the site's schema declares as `files` collections' files: a path not among them is
   * no declared file, which every read and write of an entry asks without building the whole
   * list (inferred fields over every entry) once per head.
   */
  async declaredFilePaths(): Promise<ReadonlySet<string>> {
    const declared = declaredFilesOf((await this.schema.current()).collections);
    return new Set(declared.flatMap((c) => c.files!.map((f) => f.file)));
  }

  /** GET /api/collections (computed once per head). */
  async list(): Promise<Collection[]> {
    const snapshot = await this.index.current();
    const cached = snapshot.memo.get('collections') as Collection[] | undefined;
    if (cached) return cached;
    const groups = new Map<string, IndexedEntry[]>();
    for (const entry of snapshot.entries.values()) {
      const list = groups.get(entry.collection) ?? [];
      list.push(entry);
      groups.set(entry.collection, list);
    }
    const mainRoot = snapshot.config.roots[0]!.dir;
    const declared = new Map<string, DeclaredCollection>();
    const schemaCollections = (await this.schema.current()).collections;
    for (const collection of schemaCollections) {
      const name = collection.folder && collectionNameOf(mainRoot, collection.folder);
      if (!name || declared.has(name)) continue;
      declared.set(name, collection);
      // A declared folder inside a section holds that section's entries below it.
      const section = name.split('/')[0]!;
      if (section !== name)
        groups.set(
          name,
          (groups.get(section) ?? []).filter((e) => inCollection(e, name)),
        );
      // A declared collection with no entry yet still gets its first one from the list.
      if (!groups.has(name)) groups.set(name, []);
    }
    // Sections Hugo would make new content in (an archetype, the config's mainSections): a site
    // with no posts yet can get its first one there.
    const { config, head } = snapshot;
    const archetypes = await listArchetypes(this.objects, head.tree, config);
    for (const section of offeredSections(archetypes, config.mainSections))
      if (!groups.has(section)) groups.set(section, []);
    // A relation names a declared collection; its choices are that collection's entries.
    const byDeclaredName = new Map<string, IndexedEntry[]>();
    for (const [name, collection] of declared)
      byDeclaredName.set(collection.name, groups.get(name) ?? []);
    // The keys and defaults each section's archetype gives its new entries (as POST /api/entries
    // picks it: the type's archetype, else the default one, the site's before the themes'),
    // rendered once per head.
    const expected = new Map<string, FieldSpec[]>();
    for (const name of groups.keys()) {
      const section = archetypeType(name);
      const layout = collectionStyle(snapshot, name).bundle;
      const archetype = chooseArchetype(archetypes, section, undefined, layout);
      if (!archetype || !head.tree) continue;
      expected.set(
        name,
        await archetypeFields(this.objects, head.tree, archetype, section, config),
      );
    }
    const collections: Collection[] = [...groups.entries()]
      .sort(([a], [b]) =>
        a === ROOT_COLLECTION ? 1 : b === ROOT_COLLECTION ? -1 : a.localeCompare(b),
      )
      .map(([name, entries]) => {
        const fromFiles = inferFields(entries.filter((e) => e.bundle !== 'branch'));
        const inferred = withHugoDraft(withArchetypeFields(fromFiles, expected.get(name) ?? []));
        const schema = declared.get(name);
        return {
          name,
          path: name === ROOT_COLLECTION ? mainRoot : joinRepoPath(mainRoot, name),
          count: entries.length,
          fields: schema ? withSuggestions(schema.fields, inferred, byDeclaredName) : inferred,
          newEntryPaths: newEntryPaths(
            snapshot.config,
            name,
            collectionStyle(snapshot, name).bundle,
          ),
          ...(schema?.label ? { label: schema.label } : {}),
          declared: schema !== undefined,
          canCreate: schema?.create !== false,
          ...(schema?.sort ? { sort: schema.sort } : {}),
          ...(schema?.columns?.length ? { columns: schema.columns } : {}),
          ...(schema?.summary ? { summary: schema.summary } : {}),
          ...(schema?.viewFilters?.length ? { viewFilters: schema.viewFilters } : {}),
        };
      });
    collections.push(
      ...(await this.filesCollections(head.tree, declaredFilesOf(schemaCollections), collections)),
    );
    snapshot.memo.set('collections', collections);
    return collections;
  }

  /** What the schema adds to GET /api/entries for `collection` (all collections when undefined) and its preset filter `view`. */
  async listSettings(collection: string | undefined, view?: string): Promise<ListSettings> {
    // Only a declared schema gives sorts, columns, selects, summaries and presets: without one,
    // the list page after a start or a save does not wait for every entry's fields to be inferred.
    const declared = (await this.schema.current()).collections.length > 0;
    return listSettingsOf(declared ? await this.list() : [], collection, view);
  }

  // Each `files` collection after the folders, its files in the order declared; a name a folder
  // already has gets "-files" after it, so that both stay reachable.
  private async filesCollections(
    tree: string | null,
    declared: DeclaredCollection[],
    folders: Collection[],
  ): Promise<Collection[]> {
    const taken = new Set(folders.map((c) => c.name));
    const out: Collection[] = [];
    for (const collection of declared) {
      let name = collection.name;
      while (taken.has(name)) name = `${name}-files`;
      taken.add(name);
      const files: DeclaredFileInfo[] = [];
      for (const file of collection.files ?? []) {
        const found = tree ? await this.objects.lookup(tree, file.file) : null;
        files.push({
          name: file.name,
          ...(file.label ? { label: file.label } : {}),
          path: file.file,
          format: dataFileFormat(file.file) ?? 'markdown',
          exists: found !== null && isFileMode(found.mode),
          fields: file.fields,
        });
      }
      out.push({
        name,
        path: '',
        count: files.length,
        fields: [],
        ...(collection.label ? { label: collection.label } : {}),
        declared: true,
        canCreate: false,
        kind: 'files',
        files,
      });
    }
    return out;
  }
}

// The collections of declared files (Decap's `files:`), with their files' paths checked.
function declaredFilesOf(collections: readonly DeclaredCollection[]): DeclaredCollection[] {
  return collections
    .filter((c) => !c.folder && c.files?.length)
    .map((c) => ({ ...c, files: c.files!.filter((f) => isSafeRepoPath(f.file)) }));
}

// The collection name (a folder under the content folder, "." for the folder itself) of a
// declared folder, or null when it is outside the content folder.
function collectionNameOf(contentDir: string, folder: string): string | null {
  if (folder === contentDir) return ROOT_COLLECTION;
  const prefix = contentDir === '' || contentDir === '.' ? '' : `${contentDir}/`;
  return folder.startsWith(prefix) ? folder.slice(prefix.length) || null : null;
}

// Hugo reads `draft` on every page: a collection whose files never set it can still be drafted.
function withHugoDraft(fields: FieldSpec[]): FieldSpec[] {
  if (fields.some((field) => field.name === 'draft')) return fields;
  return [...fields, { name: 'draft', kind: 'boolean', flag: true, filter: true }];
}

/** The path a new entry of `collection` gets in each language, built as POST /api/entries builds it. */
function newEntryPaths(config: SiteConfig, collection: string, bundle: boolean) {
  const paths: Record<string, string> = {};
  // A site with one language offers no choice of language.
  const languages = config.multilingual
    ? config.siteLanguages.filter((l) => !l.disabled).map((l) => l.code)
    : [];
  // A declared folder inside a section (posts/2024) gets its section's paths, one folder deeper.
  const top = archetypeType(collection) || collection;
  for (const lang of ['', ...languages]) {
    try {
      const path = buildEntryPath(config, { collection: top, slug: SENTINEL, lang, bundle });
      const at = `/${top}/${SENTINEL}`;
      const nested = top === collection ? path : path.replace(at, `/${collection}/${SENTINEL}`);
      paths[lang] = nested.replace(SENTINEL, SLUG_PLACEHOLDER);
    } catch {
      // A collection name no new path can be built in: nothing to offer.
    }
  }
  return paths;
}
