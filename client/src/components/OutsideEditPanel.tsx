import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Entry } from '../../../shared/api/contract.ts';
import { describeError } from '../api/ApiError.ts';
import { isOutsideEdit } from '../api/conflict.ts';
import { getOutsideEdit, resolveOutsideEdit } from '../api/endpoints.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { sessionQuery } from '../api/queries.ts';
import { removeDraft, type EntryDoc } from '../lib/autosave.ts';
import { shortOid } from '../lib/format.ts';
import { diffTexts } from '../lib/sideBySide.ts';
import { showToast } from '../lib/toasts.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { SideBySideDiff } from './SideBySideDiff.tsx';

/** Props of OutsideEditPanel. */
export interface OutsideEditPanelProps {
  entry: Entry;
  /** The version the editor's edits start from (the last save). */
  savedOid: string;
  draft: EntryDoc;
  dirty: boolean;
  message: string;
  /** The user may change the entry (otherwise the edit is only shown). */
  canResolve: boolean;
  /** The last save's error: a 409 naming this file opens the panel. */
  saveError: unknown;
}

type Action = 'keep-theirs' | 'save-mine';

/**
 * Someone edited this post's file on the server without committing it: the edit as a diff against
 * the last commit, and (for who may edit) "keep theirs and reload" or "save mine over it".
 */
export function OutsideEditPanel({
  entry,
  savedOid,
  draft,
  dirty,
  message,
  canResolve,
  saveError,
}: OutsideEditPanelProps) {
  const queryClient = useQueryClient();
  const user = useQuery({ ...sessionQuery, staleTime: Infinity }).data?.user.username ?? null;
  const outside = useQuery({
    queryKey: ['outside-edit', entry.id],
    queryFn: () => getOutsideEdit(entry.id),
    staleTime: Infinity,
    gcTime: 0,
  });
  const blockedSave = isOutsideEdit(saveError, entry.id);
  // Closed until asked, or open by itself once a save was refused because of the edit.
  const [opened, setOpened] = useState<boolean | null>(null);
  const open = opened ?? blockedSave;
  const [asking, setAsking] = useState<Action | null>(null);
  const { refetch } = outside;
  useEffect(() => {
    if (blockedSave) void refetch();
  }, [blockedSave, refetch]);
  const data = outside.data;
  const rows = useMemo(
    () => (data && !data.clean ? diffTexts(data.head, data.working ?? '') : []),
    [data],
  );
  const resolve = useMutation({
    mutationFn: (action: Action) =>
      resolveOutsideEdit(
        entry.id,
        action === 'keep-theirs'
          ? { action, baseOid: data!.baseOid, workingOid: data!.workingOid! }
          : {
              action,
              baseOid: data!.baseOid,
              workingOid: data!.workingOid!,
              frontMatter: draft.frontMatter,
              body: draft.body,
              message: message.trim() || undefined,
            },
      ),
    onSuccess: (result, action) => {
      setAsking(null);
      // Mine is committed: its browser copy is done with. Keep theirs leaves mine to be offered back.
      if (action === 'save-mine' && user !== null) removeDraft(user, entry.id, savedOid);
      invalidateAfterCommit(queryClient, entry.id);
      const commits = [result.theirs.commit, result.mine?.commit].filter(Boolean) as string[];
      showToast({
        text:
          action === 'keep-theirs'
            ? `Committed the outside edit (${commits.map(shortOid).join(', ')}) and reloaded it.`
            : `Committed their edit, then yours on top (${commits.map(shortOid).join(', ')}).`,
      });
      // The editor opens again on the new version (a reset query unmounts it while loading).
      void queryClient.resetQueries({ queryKey: queryKeys.entry(entry.id) });
    },
  });

  if (!data || data.clean) return null;
  const blocked = data.blocked;
  return (
    <section className="outside-edit banner banner-warn" aria-labelledby="outside-edit-title">
      <h2 id="outside-edit-title" className="outside-edit-title">
        This file has an uncommitted edit made outside Folio
      </h2>
      <p>
        Someone changed <code>{entry.id}</code> on the server (with a text editor or a script)
        without committing it, so Folio will not save over it. Nothing of theirs or yours is lost.
      </p>
      {blocked && <p role="note">{blocked}</p>}
      <button
        type="button"
        className="button button-small"
        aria-expanded={open}
        onClick={() => setOpened(!open)}
      >
        {open ? 'Hide their change' : 'Show their change'}
      </button>
      {open && (
        <div className="outside-edit-diff">
          <SideBySideDiff
            rows={rows}
            caption="The last commit and the working tree's file"
            leftLabel={`Last commit (${shortOid(data.baseOid)})`}
            rightLabel="Working tree (their edit)"
          />
        </div>
      )}
      {canResolve && !blocked && (
        <div className="outside-edit-actions">
          <button type="button" className="button" onClick={() => setAsking('keep-theirs')}>
            Keep theirs and reload
          </button>
          <button type="button" className="button" onClick={() => setAsking('save-mine')}>
            Save mine over it
          </button>
        </div>
      )}
      {!canResolve && (
        <p className="field-help">Ask an editor of this post to commit or discard it.</p>
      )}
      {resolve.isError && !asking && (
        <p className="form-error" role="alert">
          {describeError(resolve.error)}
        </p>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={asking === 'save-mine' ? 'Save your version over their edit?' : 'Keep their edit?'}
        confirmLabel={
          resolve.isPending ? 'Committing…' : asking === 'save-mine' ? 'Save mine' : 'Keep theirs'
        }
        busy={resolve.isPending}
        onConfirm={() => asking && resolve.mutate(asking)}
        onCancel={() => {
          resolve.reset();
          setAsking(null);
        }}
      >
        {asking === 'save-mine' ? (
          <p>
            Two commits, both by you: first their edit of <code>{entry.id}</code> exactly as it is
            in the working tree (“Commit outside edit to …”), then your version on top of it. Their
            text stays in the history, one commit before yours.
          </p>
        ) : (
          <p>
            Folio commits the working tree’s <code>{entry.id}</code> exactly as it is now, as
            “Commit outside edit to …” by you (the message says it was made outside Folio), and
            opens it in the editor.
            {dirty && ' Your unsaved edits stay kept in this browser and are offered back.'}
          </p>
        )}
        {resolve.isError && (
          <p className="form-error" role="alert">
            Nothing committed: {describeError(resolve.error)}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
