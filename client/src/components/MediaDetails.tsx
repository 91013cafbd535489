import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
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

/**
 * One library image: preview, path, URL, type, size and dimensions, the entries using it (links
 * to their editors), Insert (when picking), Rename and Delete (each a commit; an image in use is
 * changed only after a confirmation that names what breaks).
 */
export function MediaDetails({
  item,
  canChange,
  onPick,
  onChanged,
}: {
  item: MediaItem;
  canChange: boolean;
  onPick?: (reference: string, item: MediaItem) => void;
  onChanged: (next: MediaItem | null) => void;
}) {
  const detail = useQuery({
    queryKey: ['media-detail', item.path, item.oid],
    queryFn: () => getMediaDetail(item.path),
  });
  const [name, setName] = useState(item.name.replace(/\.[^.]+$/, ''));
  const [confirm, setConfirm] = useState<{ action: 'rename' | 'delete'; usedBy: string[] } | null>(
    null,
  );
  const rename = useMutation({
    mutationFn: (force: boolean) =>
      renameMedia({ path: item.path, name, baseOid: item.oid, force }),
    onSuccess: (result) => {
      setConfirm(null);
      const next = result.path!;
      const fileName = next.split('/').pop()!;
      onChanged({ ...item, path: next, name: fileName, url: null, reference: fileName });
    },
    onError: (err) => {
      const usedBy = usedByOf(err);
      if (usedBy) setConfirm({ action: 'rename', usedBy });
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
  const failure = [rename.error, remove.error].find((e) => e && !usedByOf(e));
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
          <code>{item.reference}</code>
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
          onClick={() => onPick(item.reference, item)}
        >
          Insert
        </button>
      )}
      {canChange && (
        <form
          className="media-rename"
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate(false);
          }}
        >
          <label>
            Name
            <input value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <button type="submit" className="button button-small" disabled={rename.isPending}>
            Rename
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
        title={confirm?.action === 'delete' ? 'Delete an image in use?' : 'Rename an image in use?'}
        confirmLabel={confirm?.action === 'delete' ? 'Delete anyway' : 'Rename anyway'}
        danger
        busy={rename.isPending || remove.isPending}
        onConfirm={() => (confirm?.action === 'delete' ? remove.mutate(true) : rename.mutate(true))}
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
