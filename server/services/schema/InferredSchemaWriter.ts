import { stringify } from 'yaml';
import type { Collection, User, WriteResult } from '../../../shared/api/contract.ts';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import { FolioConfigSchema, type DeclaredCollection } from '../../../shared/schema/siteSchema.ts';
import { ConflictError } from '../../errors.ts';
import { FILE_MODE } from '../../git/treeObject.ts';
import type { CollectionService } from '../CollectionService.ts';
import { chooseMessage } from '../commitMessages.ts';
import { ROOT_COLLECTION } from '../entryPaths.ts';
import { mapStoreErrors } from '../storeErrors.ts';
import { authorOf, type WriteSupport } from '../writeSupport.ts';
import type { SchemaService } from './SchemaService.ts';

/** Where the written schema goes: the first file SchemaService looks for. */
export const FOLIO_YML = 'folio.yml';

const HEADER = [
  "# The site's schema for Folio: its collections and their fields (docs/schema.md).",
  '# Written from what Folio inferred from the files; refine labels, hints, required fields,',
  '# options and defaults here. Folio reads this file instead of guessing once it exists.',
  '',
].join('\n');

/**
 * Writes the schema Folio infers (collections from the content folders, fields from their
 * files' values) to folio.yml as one commit, for an admin to refine; refused when the site
 * already declares one.
 */
export class InferredSchemaWriter {
  constructor(
    private readonly support: WriteSupport,
    private readonly schema: SchemaService,
    private readonly collections: CollectionService,
  ) {}

  /** The folio.yml text of the inferred schema (what `write` would commit). */
  async preview(): Promise<string> {
    const collections = await this.collections.list();
    const { config } = await this.support.snapshot();
    return HEADER + stringify(toFolioConfig(collections, config.multilingual), { lineWidth: 0 });
  }

  /** POST /api/schema/inferred: commits folio.yml; 409 when a schema file is already declared. */
  async write(user: User, message?: string): Promise<WriteResult> {
    const { source } = await this.schema.current();
    if (source !== null)
      throw new ConflictError(
        `The site already declares its schema in ${source}: edit that file to change it.`,
        { reason: 'exists', source },
      );
    const text = await this.preview();
    return mapStoreErrors(async () => {
      const { value, commit, sync } = await this.support.store.transact(async (head) => {
        const existing = head.tree
          ? await this.support.store.objects.lookup(head.tree, FOLIO_YML)
          : null;
        if (existing)
          throw new ConflictError(
            `${FOLIO_YML} was just added by someone else: reload and look at it.`,
            {
              reason: 'exists',
              source: FOLIO_YML,
            },
          );
        const oid = await this.support.store.objects.writeBlob(Buffer.from(text, 'utf8'));
        return {
          plan: {
            changes: [{ path: FOLIO_YML, entry: { mode: FILE_MODE, oid } }],
            message: chooseMessage(message, 'Write the inferred schema to folio.yml'),
            author: authorOf(user),
          },
          value: { id: FOLIO_YML, oid },
        };
      });
      return { id: value.id, oid: value.oid, commit, changed: commit !== null, sync };
    });
  }
}

/**
 * The folio.yml content of inferred collections: folders, kinds and flags, without the values
 * seen; on a multilingual site each collection keeps its translations (`i18n: true`).
 */
export function toFolioConfig(
  collections: readonly Collection[],
  multilingual = false,
): {
  collections: DeclaredCollection[];
} {
  const names = new Set<string>();
  const declared = collections.map((collection): DeclaredCollection => {
    let name = collection.name === ROOT_COLLECTION ? 'pages' : collection.name.replaceAll('/', '-');
    while (names.has(name)) name += '-2';
    names.add(name);
    return {
      name,
      label: name.charAt(0).toUpperCase() + name.slice(1),
      folder: collection.path,
      ...(multilingual ? { i18n: true } : {}),
      fields: collection.fields.map(withoutSuggestions),
    };
  });
  // What is written must read back as it is: the same schema the server checks folio.yml with.
  return FolioConfigSchema.parse({ collections: declared });
}

function withoutSuggestions({ suggestions: _, fields, ...field }: FieldSpec): FieldSpec {
  return fields ? { ...field, fields: fields.map(withoutSuggestions) } : field;
}
