import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Entry } from '../../../shared/api/contract.ts';
import { describeError } from '../api/ApiError.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { convertToBundle } from '../api/media.ts';
import { isBundleEntry } from '../hooks/useEntryImages.ts';
import { editorRoute } from '../lib/routes.ts';

/**
 * "Make page bundle": turns a single-file post into `x/index.md` (one commit) so that its images
 * live beside it, then opens it there. Needs the edits saved first (they belong to the old path).
 */
export function BundleButton({
  entry,
  oid,
  dirty,
}: {
  entry: Entry;
  /** The version the editor shows (the last save). */
  oid: string;
  dirty: boolean;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const convert = useMutation({
    mutationFn: () => convertToBundle(entry.id, oid),
    onSuccess: (result) => {
      invalidateAfterCommit(queryClient, entry.id);
      void navigate(editorRoute(result.id), { replace: true });
    },
  });
  if (isBundleEntry(entry.id) || entry.can?.move === false) return null;
  return (
    <span className="bundle-button">
      <button
        type="button"
        className="button button-small button-quiet"
        disabled={dirty || convert.isPending}
        title={
          dirty
            ? 'Save your edits first'
            : 'Move this post into a folder of its own (x.md -> x/index.md) so images sit beside it'
        }
        onClick={() => convert.mutate()}
      >
        {convert.isPending ? 'Making page bundle…' : 'Make page bundle'}
      </button>
      {convert.isError && (
        <span className="field-error" role="alert">
          {describeError(convert.error)}
        </span>
      )}
    </span>
  );
}
