import type { NewEntryPlan, NewEntryRequest } from '../../../shared/api/newEntry.ts';
import { createDocument, updateDocument } from '../../../shared/frontmatter/index.ts';
import type { FrontMatterData } from '../../../shared/frontmatter/index.ts';
import { slugify } from '../../../shared/slugify.ts';
import type { DeclaredCollection } from '../../../shared/schema/siteSchema.ts';
import { CreateDisabledError, ValidationError } from '../../errors.ts';
import type { ObjectStore } from '../../git/ObjectStore.ts';
import { PathError, checkRepoPath, isWithin, joinRepoPath } from '../../git/paths.ts';
import type { IndexSnapshot } from '../EntryIndex.ts';
import { collectionStyle } from '../EntryWriteService.ts';
import { ROOT_COLLECTION, buildEntryPath } from '../entryPaths.ts';
import { messageTitle } from '../commitMessages.ts';
import type { SchemaService } from '../schema/SchemaService.ts';
import { writeDocument } from '../writeSupport.ts';
import { type Archetype, archetypeType, chooseArchetype, listArchetypes } from './archetypes.ts';
import {
  commonFrontMatter,
  declaredFrontMatter,
  withDeclaredDefaults,
} from './defaultFrontMatter.ts';
import { type ZonedTime, formatGoTime, localNow } from './goTimeFormat.ts';
import { renderPathTemplate } from './pathTemplate.ts';
import { withLanguageSuffix } from '../schema/collectionI18n.ts';
import { renderArchetype, siteValues } from './renderArchetype.ts';

/** A planned new entry with the files to write (the entry first, then a bundle archetype's other files). */
export interface PlannedEntry extends NewEntryPlan {
  text: string;
  extras: { path: string; oid: string; mode: string }[];
}

/**
 * Decides what a new entry is before it is written, for POST /api/entries and for the new post
 * dialog's preview: its path (a declared `path`/`slug` template, else the collection's usual
 * layout) and its content (the front matter sent, else the declared fields' defaults, else the
 * section's archetype, else the keys most of the collection's posts have).
 */
export class NewEntryPlanner {
  constructor(
    private readonly objects: ObjectStore,
    private readonly schema: SchemaService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Plans `request` on `snapshot` (the head a write builds on). */
  async plan(snapshot: IndexSnapshot, request: NewEntryRequest): Promise<PlannedEntry> {
    const now = zonedNow(this.clock(), request.utcOffsetMinutes);
    const given = request.frontMatter?.title;
    const title = request.title ?? (typeof given === 'string' ? given : undefined);
    const slug = slugify(request.slug ?? messageTitle(title ?? given, ''));
    if (!slug)
      throw new ValidationError(
        'Give a slug (or a title to make one from): it names the file and the URL.',
      );
    const { config, head } = snapshot;
    const declared = await this.declaredFor(snapshot, request.collection);
    // Decap's create: false (and folio.yml's) holds for everyone: a duplicate is a create too.
    if (declared?.create === false)
      throw new CreateDisabledError(declared, (await this.schema.current()).source ?? 'folio.yml');
    const style = collectionStyle(snapshot, request.collection);
    const archetypes = await listArchetypes(this.objects, head.tree, config);
    const notes: string[] = [];

    let frontMatter: FrontMatterData;
    let body = request.body ?? '';
    let text: string | null = null;
    let format = request.format ?? declared?.format ?? style.format;
    let source: NewEntryPlan['source'] = 'request';
    let extras: PlannedEntry['extras'] = [];
    const declaredFields = declared?.fields.length ? declared.fields : null;
    if (request.frontMatter) frontMatter = { ...request.frontMatter };
    else if (declaredFields) {
      frontMatter = declaredFrontMatter(declaredFields, title, now);
      source = 'declared';
    } else {
      frontMatter = commonFrontMatter(snapshot, request.collection, title, now);
      source = 'common';
    }
    const at = (bundle: boolean) =>
      this.pathOf(snapshot, declared, {
        collection: request.collection,
        slug,
        lang: request.lang ?? null,
        bundle,
        fields: frontMatter,
        now,
      });
    const usual = request.bundle ?? style.bundle;
    let entryPath: string;
    let archetype: Archetype | null = null;
    if (request.frontMatter) entryPath = at(usual);
    else if (declared?.path || declared?.slug) {
      // The declared template fixes the layout; the archetype is the one for that layout.
      entryPath = at(usual);
      const bundle = isBundleIndex(entryPath);
      archetype = chooseArchetype(archetypes, typeOfPath(config, entryPath), bundle, bundle);
    } else {
      archetype = chooseArchetype(
        archetypes,
        archetypeType(request.collection),
        request.bundle,
        style.bundle,
      );
      entryPath = at(archetype?.bundle ? true : usual);
    }
    if (archetype && head.tree) {
      const root = config.roots.find((r) => entryPath.startsWith(`${r.dir}/`))!;
      const rendered = await renderArchetype(
        this.objects,
        head.tree,
        archetype,
        {
          section: typeOfPath(config, entryPath),
          slug,
          lang: request.lang ?? config.defaultLanguage,
          bundle: archetype.bundle,
          contentPath: entryPath.slice(root.dir.length + 1),
        },
        siteValues(config),
        now,
      );
      if (rendered && 'doc' in rendered) {
        // The archetype gives keys, order, values and body; declared defaults fill what it leaves unset.
        const merged = declaredFields ? withDeclaredDefaults(rendered.doc.data, frontMatter) : null;
        frontMatter = {
          ...(merged?.data ?? rendered.doc.data),
          ...(title !== undefined ? { title } : {}),
        };
        body = request.body ?? rendered.doc.body;
        const own = rendered.doc.format === 'none' ? format : rendered.doc.format;
        const wanted = request.format ?? declared?.format ?? own;
        format = wanted;
        text =
          wanted === own
            ? writeDocument(() => updateDocument(rendered.text, frontMatter, body))
            : null;
        if (merged?.filled.length) {
          const schemaFile = (await this.schema.current()).source ?? 'folio.yml';
          notes.push(
            `${merged.filled.join(', ')}: the defaults of ${schemaFile}, where ${archetype.path} sets no value.`,
          );
        }
        source = 'archetype';
        const folder = entryPath.slice(0, entryPath.lastIndexOf('/'));
        extras = rendered.extras.map((e) => ({ ...e, path: `${folder}/${e.name}` }));
      } else if (archetype.bundle && !declared?.path && !declared?.slug) {
        // Without the archetype, the entry has the collection's usual layout again.
        entryPath = at(usual);
      }
      notes.push(...(rendered?.notes ?? []));
    }
    if (request.forceDraft) {
      frontMatter = { ...frontMatter, draft: true };
      if (text !== null) text = writeDocument(() => updateDocument(text!, frontMatter, body));
    }
    text ??= writeDocument(() => createDocument(format, frontMatter, body));
    return {
      path: entryPath,
      slug,
      format,
      frontMatter,
      body,
      source,
      archetype: source === 'archetype' ? archetype!.path : null,
      notes,
      text,
      extras,
    };
  }

  // The declared folder collection whose folder is this collection's folder.
  private async declaredFor(
    snapshot: IndexSnapshot,
    collection: string,
  ): Promise<DeclaredCollection | null> {
    const root = snapshot.config.roots[0]!.dir;
    const folder = collection === ROOT_COLLECTION ? root : joinRepoPath(root, collection);
    const { collections } = await this.schema.current();
    return collections.find((c) => c.folder === folder && !c.files) ?? null;
  }

  // The path from the collection's template (else its usual layout), with the language suffix a
  // multiple_files collection wants.
  private pathOf(
    snapshot: IndexSnapshot,
    declared: DeclaredCollection | null,
    spec: Parameters<NewEntryPlanner['templatePath']>[2],
  ): string {
    return withLanguageSuffix(
      snapshot.config,
      declared,
      this.templatePath(snapshot, declared, spec),
    );
  }

  private templatePath(
    snapshot: IndexSnapshot,
    declared: DeclaredCollection | null,
    spec: {
      collection: string;
      slug: string;
      lang: string | null;
      bundle: boolean;
      fields: FrontMatterData;
      now: ZonedTime;
    },
  ): string {
    const config = snapshot.config;
    // A declared folder inside a section (content/posts/2024) has no usual layout of its own.
    const nested = spec.collection.includes('/');
    if (!declared || (!declared.path && !declared.slug && !nested))
      return buildEntryPath(config, spec);
    // Checks the collection and language as every new path is checked.
    const plain = buildEntryPath(config, {
      ...spec,
      collection: nested ? archetypeType(spec.collection) : spec.collection,
      bundle: false,
    });
    const where = `The ${declared.label ?? declared.name} collection's`;
    const values = { slug: spec.slug, fields: spec.fields, now: spec.now };
    const fileSlug = declared.slug
      ? slugify(renderPathTemplate(declared.slug, values, `${where} slug`))
      : spec.slug;
    const relative = declared.path
      ? renderPathTemplate(declared.path, { ...values, slug: fileSlug }, `${where} path`)
      : spec.bundle && !declared.slug
        ? `${fileSlug}/index`
        : fileSlug;
    const suffix = /\.[a-z-]+\.md$/.exec(plain.slice(plain.lastIndexOf('/')))?.[0] ?? '.md';
    const langSuffix = suffix === '.md' ? '' : suffix.slice(0, -3);
    try {
      const path = checkRepoPath(`${declared.folder}/${relative}${langSuffix}.md`);
      if (!isWithin(path, declared.folder!))
        throw new PathError(path, 'outside the collection folder');
      return path;
    } catch (err) {
      if (err instanceof PathError)
        throw new ValidationError(`${where} path makes ${err.message} Choose another slug.`, {
          reason: err.reason,
        });
      throw err;
    }
  }
}

// `posts/x/index.md` (or `index.pt.md`): a page bundle's page.
function isBundleIndex(path: string): boolean {
  return /\/index(\.[^/.]+)?\.md$/.test(path);
}

// Hugo's type of a new entry at `path`: the first folder under its content folder, as
// `hugo new content` reads it from the path it is given (a bundle's folder, for a bundle).
function typeOfPath(config: IndexSnapshot['config'], path: string): string {
  const root = config.roots.find((r) => path.startsWith(`${r.dir}/`));
  if (!root) return '';
  const relative = path.slice(root.dir.length + 1);
  const segments = (root.prefix ? `${root.prefix}/${relative}` : relative).split('/');
  if (isBundleIndex(path)) segments.pop();
  return segments.length > 1 ? segments[0]! : '';
}

/** The time now at the editor's UTC offset when the request names one, else the server's. */
export function zonedNow(date: Date, utcOffsetMinutes?: number): ZonedTime {
  if (utcOffsetMinutes === undefined) return localNow(date);
  const zone = { date, offsetMinutes: utcOffsetMinutes, zoneName: '' };
  return { ...zone, zoneName: formatGoTime(zone, '-0700') };
}
