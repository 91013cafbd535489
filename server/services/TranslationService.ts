import type { CreateTranslationRequest, User, WriteResult } from '../../shared/api/contract.ts';
import { updateDocument } from '../../shared/frontmatter/index.ts';
import { ConflictError } from '../errors.ts';
import { FILE_MODE } from '../git/treeObject.ts';
import { chooseMessage, messageTitle } from './commitMessages.ts';
import { requireEntry } from './entryIds.ts';
import { fallbackTitle } from './entryPaths.ts';
import { mapStoreErrors } from './storeErrors.ts';
import { translationPath } from './translations.ts';
import { type WriteSupport, authorOf, writeDocument } from './writeSupport.ts';

/** Creating an entry's translation: one commit adding a draft copy where Hugo puts that language's page. */
export class TranslationService {
  constructor(private readonly support: WriteSupport) {}

  /**
   * POST /api/entries with `translationOf`: copies the original file (front matter, comments and
   * body as written) to the translation's path, with `draft: true` so an untranslated copy is never
   * published by accident.
   */
  async create(request: CreateTranslationRequest, user: User): Promise<WriteResult> {
    return mapStoreErrors(async () => {
      const { value, commit, sync } = await this.support.store.transact(async (head) => {
        const snapshot = await this.support.snapshot();
        const original = await this.support.current(head, request.translationOf);
        const indexed = requireEntry(snapshot, original.location.id);
        const path = translationPath(snapshot, indexed, request.lang);
        if (head.tree && (await this.support.store.objects.lookup(head.tree, path)))
          throw new ConflictError(`${path} already exists.`, { reason: 'exists', id: path });
        const { text, doc } = await this.support.editable(original);
        const next = writeDocument(() =>
          updateDocument(text, { ...doc.data, draft: true }, doc.body),
        );
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
