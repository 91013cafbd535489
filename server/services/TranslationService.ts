import type { CreateTranslationRequest, User, WriteResult } from '../../shared/api/contract.ts';
import { type FrontMatterData, updateDocument } from '../../shared/frontmatter/index.ts';
import { ConflictError } from '../errors.ts';
import { FILE_MODE } from '../git/treeObject.ts';
import { chooseMessage, messageTitle } from './commitMessages.ts';
import { requireEntry } from './entryIds.ts';
import { fallbackTitle } from './entryPaths.ts';
import { mapStoreErrors } from './storeErrors.ts';
import { translationPath } from './translations.ts';
import { resolveI18n } from './schema/collectionI18n.ts';
import type { SchemaService } from './schema/SchemaService.ts';
import { type WriteSupport, authorOf, writeDocument } from './writeSupport.ts';

/** Creating an entry's translation: one commit adding a draft copy where Hugo puts that language's page. */
export class TranslationService {
  constructor(
    private readonly support: WriteSupport,
    private readonly schema?: SchemaService,
  ) {}

  /**
   * POST /api/entries with `translationOf`: copies the original file (front matter, comments and
   * body as written) to the translation's path (where its declared collection's i18n structure
   * puts it, else where Hugo does), with `draft: true` so an untranslated copy is never published
   * by accident. In a translated declared collection the fields with `i18n: false` stay the
   * original's: the copy does not get them.
   */
  async create(request: CreateTranslationRequest, user: User): Promise<WriteResult> {
    return mapStoreErrors(async () => {
      const { value, commit, sync } = await this.support.store.transact(async (head) => {
        const snapshot = await this.support.snapshot();
        const original = await this.support.current(head, request.translationOf);
        const indexed = requireEntry(snapshot, original.location.id);
        const declared = (await this.schema?.fieldsFor(indexed.id))?.collection ?? null;
        const path = translationPath(snapshot, indexed, request.lang, declared);
        if (head.tree && (await this.support.store.objects.lookup(head.tree, path)))
          throw new ConflictError(`${path} already exists.`, { reason: 'exists', id: path });
        const { text, doc } = await this.support.editable(original);
        const data: FrontMatterData = { ...doc.data, draft: true };
        if (declared && resolveI18n(declared, snapshot.config))
          for (const field of declared.fields) if (field.i18n === false) delete data[field.name];
        const next = writeDocument(() => updateDocument(text, data, doc.body));
        const oid = await this.support.store.objects.writeBlob(Buffer.from(next, 'utf8'));
        const title = messageTitle(doc.data.title, fallbackTitle(original.location));
        const lang = request.lang.toLowerCase();
        return {
          plan: {
            changes: [{ path, entry: { mode: FILE_MODE, oid } }],
            message: chooseMessage(request.message, `Translate "${title}" (${lang})`),
            author: authorOf(user),
          },
          value: { id: path, oid },
        };
      });
      return { id: value.id, oid: value.oid, commit, changed: commit !== null, sync };
    });
  }
}
