import type { User, WriteResult } from '../../shared/api/contract.ts';
import { parseDocument } from '../../shared/frontmatter/index.ts';
import type { OutsideEdit } from '../../shared/api/outsideEdit.ts';
import { ConflictError } from '../errors.ts';
import type { StoreHead } from '../git/GitStore.ts';
import { commitMessages, chooseMessage, messageTitle } from './commitMessages.ts';
import { decodeText } from './decodeText.ts';
import { fallbackTitle } from './entryPaths.ts';
import { mapStoreErrors } from './storeErrors.ts';
import { type CurrentEntry, type WriteSupport, authorOf } from './writeSupport.ts';

/**
 * An entry's uncommitted edit made outside Folio (someone with an editor on the server): what it
 * is against HEAD, and committing it as found, so that the editor can go on from it.
 */
export class OutsideEditService {
  constructor(private readonly support: WriteSupport) {}

  /** GET /api/entries/{id}/outside-edit: the working tree's file against HEAD's. */
  async inspect(id: string): Promise<OutsideEdit> {
    const store = this.support.store;
    const head = await store.head();
    const entry = await this.support.current(head, id);
    const headText = decodeText(await store.objects.readBlob(entry.oid)) ?? '';
    const file = await store.workingTreeFile(entry.location.id);
    const answer = { id: entry.location.id, baseOid: entry.oid, head: headText };
    if (file?.oid === entry.oid)
      return { ...answer, clean: true, workingOid: file.oid, working: headText };
    const working = file ? decodeText(file.bytes) : null;
    return {
      ...answer,
      clean: false,
      workingOid: file?.oid ?? null,
      working,
      ...blockedReason(file, working),
    };
  }

  /**
   * Commits the working tree's file as it is (`workingOid`, as the editor reviewed it) on top of
   * `baseOid`: one commit by the editor who chose it, whose message says it was an outside edit.
   */
  async keepTheirs(
    id: string,
    request: { baseOid: string; workingOid: string; message?: string },
    user: User,
  ): Promise<WriteResult> {
    return mapStoreErrors(async () => {
      const { value, commit, sync } = await this.support.store.transact(async (head) => {
        const entry = await this.support.current(head, id);
        await this.support.requireBase(head, entry, request.baseOid);
        const oid = await this.reviewedFile(head, entry, request.workingOid);
        if (oid === entry.oid) return { plan: null, value: { id: entry.location.id, oid } };
        const title = titleOf(
          decodeText(await this.support.store.objects.readBlob(oid)),
          fallbackTitle(entry.location),
        );
        return {
          plan: {
            changes: [{ path: entry.location.id, entry: { mode: entry.mode, oid } }],
            message: chooseMessage(
              request.message,
              commitMessages.outsideEdit(title, `${user.name || user.username} (${user.username})`),
            ),
            author: authorOf(user),
            adopt: [{ path: entry.location.id, oid }],
          },
          value: { id: entry.location.id, oid },
        };
      });
      return { id: value.id, oid: value.oid, commit, changed: commit !== null, sync };
    });
  }

  // The working tree's file must still be the one reviewed; its blob is written for the commit.
  private async reviewedFile(head: StoreHead, entry: CurrentEntry, workingOid: string) {
    const file = await this.support.store.workingTreeFile(entry.location.id);
    if (file?.oid === entry.oid && workingOid === entry.oid) return entry.oid;
    const problem = !file
      ? 'deleted in the working tree'
      : file.oid !== workingOid
        ? 'changed again since you reviewed it'
        : (blockedReason(file, decodeText(file.bytes)).blocked ?? null);
    if (problem)
      throw new ConflictError(
        `The outside edit of "${entry.location.id}" cannot be committed from Folio: ${problem}. ${
          file && file.oid !== workingOid ? 'Look at it again, then choose.' : 'Use git for it.'
        }`,
        {
          reason: 'uncommitted_changes',
          files: [{ path: entry.location.id, reason: problem }],
          head: head.commit,
        },
      );
    return this.support.store.objects.writeBlob(file!.bytes);
  }
}

/** Why an outside edit can only be resolved with git (a deleted file, bytes git would store otherwise). */
function blockedReason(
  file: { storable: boolean } | null,
  working: string | null,
): { blocked?: string } {
  if (!file)
    return {
      blocked:
        'The file was deleted (or replaced by something else) in the working tree: restore it with git checkout, or commit the deletion with git.',
    };
  if (working === null)
    return {
      blocked: 'The file in the working tree is not UTF-8 text: commit or discard it with git.',
    };
  if (!file.storable)
    return {
      blocked:
        'Line-ending or filter settings (.gitattributes, core.autocrlf) apply to this file, so git would store other bytes than Folio sees: commit it with git add and git commit.',
    };
  return {};
}

function titleOf(text: string | null, fallback: string): string {
  try {
    return messageTitle(text === null ? null : parseDocument(text).data.title, fallback);
  } catch {
    return fallback;
  }
}
