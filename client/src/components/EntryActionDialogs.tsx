import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Collection, Entry } from '../../../shared/api/contract.ts';
import { describeError, isApiError } from '../api/ApiError.ts';
import {
  createEntry,
  deleteEntry,
  getEntryHistory,
  moveEntry,
  restoreEntry,
} from '../api/endpoints.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import {
  closedCollectionProblem,
  copySlug,
  duplicatePath,
  duplicateRequest,
  entryName,
  moveSuggestions,
  moveTargetProblem,
} from '../lib/entryActions.ts';
import { shortOid } from '../lib/format.ts';
import { listRoute } from '../lib/listReturn.ts';
import { editorRoute } from '../lib/routes.ts';
import { showToast } from '../lib/toasts.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { Field } from './Field.tsx';

const titleOf = (entry: Entry) =>
  typeof entry.frontMatter.title === 'string' && entry.frontMatter.title
    ? entry.frontMatter.title
    : (entry.id.split('/').pop() ?? entry.id);

/** What to tell the user when a write failed, with what to do. */
function failure(err: unknown, what: string): string {
  if (isApiError(err, 'conflict')) {
    const details = err.details as { reason?: string; id?: string } | undefined;
    if (details?.reason === 'exists')
      return `${details.id ?? 'That path'} already exists: choose another ${what}.`;
    if (details?.reason === 'stale')
      return 'The post changed since you opened it: reload the page to see the new version, then try again.';
  }
  return describeError(err);
}

/** Props shared by the entry action dialogs. */
interface DialogProps {
  open: boolean;
  entry: Entry;
  onClose: () => void;
}

/** "Delete this post?": one commit removing the file (a page bundle's folder with it); Undo restores it. */
export function DeleteEntryDialog({ open, entry, oid, onClose }: DialogProps & { oid: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const title = titleOf(entry);
  const name = entryName(entry.id);
  const remove = useMutation({
    mutationFn: () => deleteEntry(entry.id, oid),
    onSuccess: (result) => {
      invalidateAfterCommit(queryClient, entry.id);
      void navigate(listRoute(), { replace: true });
      showToast({
        text: `Deleted “${title}”${result.commit ? ` in commit ${shortOid(result.commit)}` : ''}.`,
        action: {
          label: 'Undo',
          run: () =>
            void (async () => {
              // The newest commit of a deleted post's history is its deletion; the one below has it.
              const history = await getEntryHistory(entry.id, undefined, 2);
              const before = history.items[1];
              if (!before) return;
              const restored = await restoreEntry(entry.id, before.commit);
              invalidateAfterCommit(queryClient, entry.id);
              showToast({ text: `Restored “${title}”.` });
              void navigate(editorRoute(restored.id));
            })().catch((err: unknown) =>
              showToast({
                text: `Could not restore “${title}”: ${describeError(err)} Restore it from its history.`,
              }),
            ),
        },
      });
    },
  });
  return (
    <ConfirmDialog
      open={open}
      title={`Delete “${title}”?`}
      confirmLabel={remove.isPending ? 'Deleting…' : 'Delete'}
      danger
      busy={remove.isPending}
      onConfirm={() => remove.mutate()}
      onCancel={() => {
        remove.reset();
        onClose();
      }}
    >
      <p>
        <code>{entry.id}</code> is removed in a new commit (“Delete "{title}"”).
        {name.bundle && (
          <>
            {' '}
            It is a page bundle: its folder <code>{entry.id.replace(/\/[^/]+$/, '/')}</code> goes
            with it, images included, unless other Markdown files (translations) are in it.
          </>
        )}
      </p>
      <p>Its history stays: you can restore it from there, or with Undo right after.</p>
      {remove.isError && (
        <p className="form-error" role="alert">
          Not deleted: {failure(remove.error, 'path')}
        </p>
      )}
    </ConfirmDialog>
  );
}

/** "Move or rename": the new path of the file, one commit that git sees as a rename. */
export function MoveEntryDialog({
  open,
  entry,
  oid,
  collections,
  onClose,
}: DialogProps & { oid: string; collections: readonly Collection[] }) {
  const inputId = useId();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [to, setTo] = useState(entry.id);
  const problem =
    moveTargetProblem(entry.id, to) ?? closedCollectionProblem(collections, entry.id, to);
  const suggestions = moveSuggestions(collections, entry.id);
  const bundle = entryName(entry.id).bundle;
  const move = useMutation({
    mutationFn: () => moveEntry(entry.id, to.trim(), oid),
    onSuccess: (result) => {
      invalidateAfterCommit(queryClient, entry.id);
      showToast({ text: `Moved to ${result.id}.` });
      void navigate(editorRoute(result.id), { replace: true });
    },
  });
  return (
    <ConfirmDialog
      open={open}
      title={`Move or rename “${titleOf(entry)}”`}
      confirmLabel={move.isPending ? 'Moving…' : 'Move'}
      busy={move.isPending || problem !== null}
      onConfirm={() => move.mutate()}
      onCancel={() => {
        move.reset();
        setTo(entry.id);
        onClose();
      }}
    >
      <Field
        id={inputId}
        label="New path"
        error={to.trim() === entry.id ? undefined : (problem ?? undefined)}
        help={
          problem ?? (
            <>
              <code>{entry.id}</code> becomes <code>{to.trim()}</code>
              {bundle ? ', its folder (images included) with it,' : ''} in one commit; its history
              follows it.
            </>
          )
        }
      >
        <input
          id={inputId}
          className="entry-path-input"
          value={to}
          spellCheck={false}
          onChange={(event) => setTo(event.target.value)}
          aria-describedby={`${inputId}-help`}
          list={suggestions.length ? `${inputId}-sections` : undefined}
        />
        {suggestions.length > 0 && (
          <datalist id={`${inputId}-sections`}>
            {suggestions.map((s) => (
              <option key={s.path} value={s.path} label={s.label} />
            ))}
          </datalist>
        )}
      </Field>
      <p className="field-help">
        Another folder under the content folder moves it to that section
        {suggestions.length > 0 ? ' (the box suggests the ones that take new entries)' : ''}. Links
        to the old address on the site are not updated.
      </p>
      {move.isError && (
        <p className="form-error" role="alert">
          Not moved: {failure(move.error, 'path')}
        </p>
      )}
    </ConfirmDialog>
  );
}

/** "Duplicate": a new draft with the same front matter and body, titled "… (copy)", under a new slug. */
export function DuplicateEntryDialog({
  open,
  entry,
  collection,
  onClose,
}: DialogProps & { collection: Collection | undefined }) {
  const inputId = useId();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [slug, setSlug] = useState(() => copySlug(entry.id));
  const path = duplicatePath(entry.id, collection, slug);
  const request = duplicateRequest(entry, collection, slug);
  const duplicate = useMutation({
    mutationFn: () => createEntry(request),
    onSuccess: (result) => {
      invalidateAfterCommit(queryClient);
      showToast({ text: `Created the copy ${result.id} (a draft).` });
      void navigate(editorRoute(result.id));
    },
  });
  return (
    <ConfirmDialog
      open={open}
      title={`Duplicate “${titleOf(entry)}”`}
      confirmLabel={duplicate.isPending ? 'Duplicating…' : 'Create the copy'}
      busy={duplicate.isPending || !request.slug}
      onConfirm={() => duplicate.mutate()}
      onCancel={() => {
        duplicate.reset();
        onClose();
      }}
    >
      <Field
        id={inputId}
        label="Slug of the copy"
        error={request.slug ? undefined : 'Type a slug (letters, digits and dashes).'}
        help={
          <>
            Creates <code>{path}</code>, a draft titled “{String(request.frontMatter.title)}” with
            the same front matter and body, in one commit.
          </>
        }
      >
        <input
          id={inputId}
          value={slug}
          spellCheck={false}
          onChange={(event) => setSlug(event.target.value)}
          aria-describedby={`${inputId}-help`}
        />
      </Field>
      {entryName(entry.id).bundle && (
        <p className="field-help">
          Images in the post’s folder are not copied: the copy’s body still names them, so add them
          again or point the copy at the library.
        </p>
      )}
      {duplicate.isError && (
        <p className="form-error" role="alert">
          Not duplicated: {failure(duplicate.error, 'slug')}
        </p>
      )}
    </ConfirmDialog>
  );
}
