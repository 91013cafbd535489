import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { MediaItem } from '../../../shared/api/media.ts';
import { ApiError, describeError } from '../api/ApiError.ts';
import { deleteMedia, getMediaDetail, mediaFileUrl, renameMedia } from '../api/media.ts';
import { editorRoute } from '../lib/routes.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Entries named in a 409 `in_use` refusal, so the editor can confirm knowing what breaks. */
function usedByOf(err: unknown): string[] | null {
  if (!(err instanceof ApiError) || err.code !== 'conflict') return null;
  const details = err.details as { reason?: string; usedBy?: string[] } | undefined;
  return details?.reason === 'in_use' ? (details.usedBy ?? []) : null;
}

/** What the last rename in the library did: the image's new path and the entries it rewrote. */
export interface RenameOutcome {
  path: string;
  updated: string[];
}

/** The entries whose references a rename rewrote, as links to their editors. */
function RenameNotice({ outcome }: { outcome: RenameOutcome }) {
  const n = outcome.updated.length;
  return (
    <div className="media-rename-notice" role="status">
      {n === 0 ? (
        <p>Renamed. No entry referenced it.</p>
      ) : (
        <>
          <p>
            Renamed, and its references updated in {n === 1 ? '1 entry' : `${n} entries`} (same
            commit):
          </p>
          <ul className="media-used-by">
            {outcome.updated.map((id) => (
              <li key={id}>
                <Link to={editorRoute(id)}>{id}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * One library image: preview, path, URL, type, size and dimensions, the entries using it (links
 * to their editors), Insert (when picking), Rename (one commit that also rewrites the references
 * of the entries using it, said before and after) and Delete (an image in use only after a
 * confirmation that names what breaks).
 */
export function MediaDetails({
  item,
  canChange,
  onPick,
  onChanged,
  renamed,
}: {
  item: MediaItem;
  canChange: boolean;
  onPick?: (reference: string, item: MediaItem) => void;
  onChanged: (next: MediaItem | null, renamed?: RenameOutcome) => void;
  /** The rename that just made this item, to say which entries it updated. */
  renamed?: RenameOutcome;
}) {
  const detail = useQuery({
    queryKey: ['media-detail', item.path, item.oid],
    queryFn: () => getMediaDetail(item.path),
  });
  const [name, setName] = useState(item.name.replace(/\.[^.]+$/, ''));
  const [confirm, setConfirm] = useState<{ action: 'delete'; usedBy: string[] } | null>(null);
  const usedBy = detail.data?.usedBy;
  const formId = useId();
  const rename = useMutation({
    mutationFn: () =>
      renameMedia({ path: item.path, name, baseOid: item.oid, usedBy, force: false }),
    onSuccess: (result) => {
      const next = result.path!;
      const fileName = next.split('/').pop()!;
      onChanged(
        { ...item, path: next, name: fileName, url: null, reference: fileName },
        { path: next, updated: result.updated },
      );
    },
  });
  const remove = useMutation({
    mutationFn: (force: boolean) => deleteMedia(item.path, item.oid, force),
    onSuccess: () => {
      setConfirm(null);
      onChanged(null);
    },
    onError: (err) => {
      const usedBy = usedByOf(err);
      if (usedBy) setConfirm({ action: 'delete', usedBy });
    },
  });
  const failure = rename.error ?? (remove.error && !usedByOf(remove.error) ? remove.error : null);
  const d = detail.data;
  return (
    <aside className="media-details" aria-label={`Image ${item.name}`}>
      <img className="media-preview" src={mediaFileUrl(item.path, item.oid)} alt={item.name} />
      <dl>
        <dt>File</dt>
        <dd>
          <code>{item.path}</code>
        </dd>
        <dt>Reference</dt>
        <dd>
          <code>{(d ?? item).reference}</code>
        </dd>
        {d && (
          <>
            <dt>Size</dt>
            <dd>
              {formatSize(d.size)}
              {d.width && d.height ? `, ${d.width} × ${d.height} px` : ''}
            </dd>
            <dt>Used by</dt>
            <dd>
              {d.usedBy.length === 0 ? (
                'no entry'
              ) : (
                <ul className="media-used-by">
                  {d.usedBy.map((id) => (
                    <li key={id}>
                      <Link to={editorRoute(id)}>{id}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </>
        )}
      </dl>
      {onPick && (
        <button
          type="button"
          className="button button-primary"
          onClick={() => onPick((d ?? item).reference, d ?? item)}
        >
          Insert
        </button>
      )}
      {renamed?.path === item.path && <RenameNotice outcome={renamed} />}
      {canChange && (
        <form
          className="media-rename"
          aria-describedby={usedBy?.length ? `${formId}-uses` : undefined}
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate();
          }}
        >
          {usedBy !== undefined && usedBy.length > 0 && (
            <p id={`${formId}-uses`} className="media-rename-uses">
              {usedBy.length === 1 ? '1 entry uses' : `${usedBy.length} entries use`} this image;
              renaming updates {usedBy.length === 1 ? 'its reference' : 'their references'} in the
              same commit.
            </p>
          )}
          <label>
            Name
            <input value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <button
            type="submit"
            className="button button-small"
            disabled={rename.isPending || usedBy === undefined}
          >
            {rename.isPending ? 'Renaming…' : 'Rename'}
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate(false)}
          >
            Delete
          </button>
        </form>
      )}
      {failure && (
        <p className="field-error" role="alert">
          {describeError(failure)}
        </p>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title="Delete an image in use?"
        confirmLabel="Delete anyway"
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate(true)}
        onCancel={() => setConfirm(null)}
      >
        <p>These entries show this image; their reference to it will break:</p>
        <ul>
          {confirm?.usedBy.map((id) => (
            <li key={id}>{id}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </aside>
  );
}
