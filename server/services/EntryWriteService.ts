import type {
  FrontMatter,
  PatchEntryRequest,
  UpdateEntryRequest,
  User,
  WriteResult,
} from '../../shared/api/contract.ts';
import { createDocument } from '../../shared/frontmatter/index.ts';
import { createDataFile, dataFileFormat } from '../../shared/frontmatter/dataFile.ts';
import type { NewEntryPlan, NewEntryRequest } from '../../shared/api/newEntry.ts';
import { validateChange, type JsonValue } from '../../shared/fields/index.ts';
import type { FieldSpec } from '../../shared/fields/types.ts';
import type { DeclaredCollection } from '../../shared/schema/siteSchema.ts';
import {
  ConflictError,
  CreateDisabledError,
  InvalidFieldsError,
  ValidationError,
} from '../errors.ts';
import type { CommitPlan, StoreHead, TransactionStep } from '../git/GitStore.ts';
import { FILE_MODE } from '../git/treeObject.ts';
import type { IndexSnapshot } from './EntryIndex.ts';
import { ROOT_COLLECTION, buildEntryPath, classifyEntryPath, fallbackTitle } from './entryPaths.ts';
import type { NewEntryPlanner } from './newEntry/NewEntryPlanner.ts';
import { chooseMessage, commitMessages, messageTitle } from './commitMessages.ts';
import type { SchemaService } from './schema/SchemaService.ts';
import { mapStoreErrors } from './storeErrors.ts';
import { type DuplicatedValues, duplicatedValues, withDuplicatedNote } from './duplicatedValues.ts';
import {
  type CurrentEntry,
  type WriteSupport,
  authorOf,
  rewriteText,
  writeDocument,
} from './writeSupport.ts';

interface Written {
  id: string;
  oid: string;
}

/** Creating and editing entries; each change is one commit by the signed-in editor. */
export class EntryWriteService {
  constructor(
    private readonly support: WriteSupport,
    private readonly schema: SchemaService,
    private readonly planner: NewEntryPlanner,
  ) {}

  // Refuses values that break the fields the site declares for `path`; only keys the write
  // changes count, so a value already in the file never blocks a save that leaves it alone.
  // Answers the declared collection the path is in (null when none).
  private async validate(
    path: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<DeclaredCollection | null> {
    const declared = await this.schema.fieldsFor(path, after);
    if (!declared || declared.fields.length === 0) return declared?.collection ?? null;
    const issues = validateChange(
      declared.fields,
      (before ?? {}) as Record<string, JsonValue>,
      after as Record<string, JsonValue>,
    );
    if (issues.length)
      throw new InvalidFieldsError(
        issues,
        `${path} does not fit the fields of ${declared.collection.label ?? declared.collection.name}`,
      );
    return declared.collection;
  }

  // The entry's own change, and the copies of its `i18n: duplicate` values into its translations.
  private async withCopies(
    head: StoreHead,
    entry: CurrentEntry,
    collection: DeclaredCollection | null,
    before: FrontMatter,
    after: FrontMatter,
    oid: string,
  ): Promise<{ changes: CommitPlan['changes']; copies: DuplicatedValues }> {
    const copies = collection
      ? await duplicatedValues(this.support, head, entry.location.id, collection, before, after)
      : { changes: [], note: null };
    return {
      changes: [{ path: entry.location.id, entry: { mode: entry.mode, oid } }, ...copies.changes],
      copies,
    };
  }

  /**
   * POST /api/entries: a new file at a path the server builds (collection, slug, language, or the
   * collection's declared template), with the front matter sent or the one NewEntryPlanner makes.
   */
  async create(request: NewEntryRequest, user: User): Promise<WriteResult> {
    if (request.file !== undefined) return this.createDeclared(request, user);
    await this.refuseFilesCollection(request.collection);
    return this.commit(async (head) => {
      const snapshot = await this.support.snapshot();
      const plan = await this.planner.plan(snapshot, request);
      const { path, slug } = plan;
      // posts/x.md and posts/x/index.md would both be the page /posts/x/: one of them is enough.
      const twins = [path];
      const location = classifyEntryPath(snapshot.config, path);
      if (location && location.slug === slug && location.collection === request.collection) {
        const spec = { collection: request.collection, slug, lang: request.lang ?? null };
        twins.push(
          buildEntryPath(snapshot.config, { ...spec, bundle: false }),
          buildEntryPath(snapshot.config, { ...spec, bundle: true }),
        );
      }
      for (const twin of new Set(twins)) {
        if (head.tree && (await this.support.store.objects.lookup(head.tree, twin))) {
          throw new ConflictError(
            `An entry with the slug "${slug}" already exists (${twin}). Choose another slug.`,
            { reason: 'exists', id: twin },
          );
        }
      }
      await this.validate(path, null, plan.frontMatter);
      const oid = await this.support.store.objects.writeBlob(Buffer.from(plan.text, 'utf8'));
      const title = messageTitle(plan.frontMatter.title, slug);
      const extras = plan.extras.map((e) => ({
        path: e.path,
        entry: { mode: e.mode, oid: e.oid },
      }));
      return {
        plan: {
          changes: [{ path, entry: { mode: FILE_MODE, oid } }, ...extras],
          message: chooseMessage(request.message, commitMessages.create(title)),
          author: authorOf(user),
        },
        value: { id: path, oid },
      };
    });
  }

  // A files collection holds its declared files only: no entry of another name (403, as create: false).
  private async refuseFilesCollection(name: string): Promise<void> {
    const files = await this.support.declared?.collection(name);
    if (files)
      throw new CreateDisabledError(
        { name, ...(files.label ? { label: files.label } : {}) },
        (await this.schema.current()).source ?? 'folio.yml',
      );
  }

  /**
   * POST /api/entries with `file`: the missing declared file of a `files` collection, at exactly
   * its declared path, holding its fields' defaults (or the front matter and body sent).
   */
  private async createDeclared(request: NewEntryRequest, user: User): Promise<WriteResult> {
    const collection = await this.support.declared?.collection(request.collection);
    const file = collection?.files?.find((f) => f.name === request.file);
    if (!collection || !file)
      throw new ValidationError(
        `No declared file "${request.file}" in a files collection "${request.collection}": see GET /api/collections for the files each declares.`,
        { field: 'file' },
      );
    const data = request.frontMatter ?? fieldDefaults(file.fields);
    if (request.forceDraft && data.draft !== undefined) data.draft = true;
    const format = dataFileFormat(file.path);
    const text = writeDocument(() =>
      format ? createDataFile(format, data) : createDocument('yaml', data, request.body ?? ''),
    );
    return this.commit(async (head) => {
      if (head.tree && (await this.support.store.objects.lookup(head.tree, file.path)))
        throw new ConflictError(`${file.path} already exists: open it to edit it.`, {
          reason: 'exists',
          id: file.path,
        });
      // Only the values written count: the form asks for the required fields once it is open.
      await this.validate(file.path, {}, data);
      const oid = await this.support.store.objects.writeBlob(Buffer.from(text, 'utf8'));
      const title = messageTitle(data.title, file.label ?? file.name);
      return {
        plan: {
          changes: [{ path: file.path, entry: { mode: FILE_MODE, oid } }],
          message: chooseMessage(request.message, commitMessages.create(title)),
          author: authorOf(user),
        },
        value: { id: file.path, oid },
      };
    });
  }

  /** GET /api/collections/{name}/new: the entry POST /api/entries would create now, not written. */
  async preview(request: NewEntryRequest): Promise<NewEntryPlan> {
    await this.refuseFilesCollection(request.collection);
    const {
      text: _text,
      extras,
      ...plan
    } = await this.planner.plan(await this.support.snapshot(), request);
    return { ...plan, notes: [...plan.notes, ...extras.map((e) => `Also copies ${e.path}.`)] };
  }

  /** PUT /api/entries/{id}: replaces front matter and body, editing the file in place. */
  async update(id: string, request: UpdateEntryRequest, user: User): Promise<WriteResult> {
    return this.commit(async (head) => {
      const entry = await this.support.current(head, id);
      await this.support.requireBase(head, entry, request.baseOid);
      const { text, doc } = await this.support.editable(entry);
      const collection = await this.validate(entry.location.id, doc.data, request.frontMatter);
      const next = rewriteText(entry.location.id, text, request.frontMatter, request.body);
      if (next === text) return { plan: null, value: { id: entry.location.id, oid: entry.oid } };
      const oid = await this.support.store.objects.writeBlob(Buffer.from(next, 'utf8'));
      const title = messageTitle(request.frontMatter.title, fallbackTitle(entry.location));
      const { changes, copies } = await this.withCopies(
        head,
        entry,
        collection,
        doc.data,
        request.frontMatter,
        oid,
      );
      return {
        plan: {
          changes,
          message: withDuplicatedNote(
            chooseMessage(request.message, commitMessages.update(title)),
            copies,
          ),
          author: authorOf(user),
        },
        value: { id: entry.location.id, oid },
      };
    });
  }

  /**
   * PATCH /api/entries/{id}: sets and removes single keys. Without baseOid it applies to whatever
   * version is current when its turn in the write queue comes, so two editors flipping different
   * flags at the same time both win.
   */
  async patch(id: string, request: PatchEntryRequest, user: User): Promise<WriteResult> {
    const both = request.unset.filter((key) => key in request.set);
    if (both.length) throw new ValidationError(`Keys both set and unset: ${both.join(', ')}.`);
    return this.commit(async (head) => {
      const entry = await this.support.current(head, id);
      await this.support.requireBase(head, entry, request.baseOid);
      const { text, doc } = await this.support.editable(entry);
      const data = { ...doc.data, ...request.set };
      for (const key of request.unset) delete data[key];
      const collection = await this.validate(entry.location.id, doc.data, data);
      const next = rewriteText(entry.location.id, text, data, doc.body);
      if (next === text) return { plan: null, value: { id: entry.location.id, oid: entry.oid } };
      const oid = await this.support.store.objects.writeBlob(Buffer.from(next, 'utf8'));
      const title = messageTitle(data.title, fallbackTitle(entry.location));
      const { changes, copies } = await this.withCopies(
        head,
        entry,
        collection,
        doc.data,
        data,
        oid,
      );
      return {
        plan: {
          changes,
          message: withDuplicatedNote(
            chooseMessage(request.message, commitMessages.update(title)),
            copies,
          ),
          author: authorOf(user),
        },
        value: { id: entry.location.id, oid },
      };
    });
  }

  private async commit(
    step: (head: StoreHead) => Promise<TransactionStep<Written>>,
  ): Promise<WriteResult> {
    return mapStoreErrors(async () => {
      const { value, commit, sync } = await this.support.store.transact(step);
      return { id: value.id, oid: value.oid, commit, changed: commit !== null, sync };
    });
  }
}

// The declared defaults of a new declared file (fields without one are left out).
function fieldDefaults(fields: readonly FieldSpec[]): FrontMatter {
  const data: FrontMatter = {};
  for (const field of fields)
    if (field.default !== undefined) data[field.name] = field.default as FrontMatter[string];
  return data;
}

/** How a collection's entries are usually written: as page bundles or files, and in which syntax. */
export function collectionStyle(
  snapshot: IndexSnapshot,
  collection: string,
): { bundle: boolean; format: 'yaml' | 'toml' | 'json' } {
  let bundles = 0;
  let files = 0;
  const formats = { yaml: 0, toml: 0, json: 0 };
  for (const entry of snapshot.entries.values()) {
    if (entry.collection !== collection || entry.bundle === 'branch') continue;
    if (entry.bundle === 'leaf') bundles++;
    else files++;
    const format = entry.doc.format;
    if (format !== 'none') formats[format]++;
  }
  const format = (Object.keys(formats) as (keyof typeof formats)[]).reduce(
    (a, b) => (formats[b] > formats[a] ? b : a),
    'yaml',
  );
  return { bundle: collection !== ROOT_COLLECTION && bundles > files, format };
}
