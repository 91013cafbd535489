import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Collection } from '../../../shared/api/contract.ts';
import { describeError } from '../api/ApiError.ts';
import { createEntry } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { useAccess } from '../hooks/useAccess.ts';
import { showToast } from '../lib/toasts.ts';

/**
 * A file a `files` collection declares that does not exist yet: what it is, and a button that
 * creates it at exactly its declared path with its fields' defaults (one commit), then opens it.
 */
export function MissingDeclaredFile({
  collection,
  fileName,
}: {
  collection: Collection | undefined;
  fileName: string;
}) {
  const queryClient = useQueryClient();
  const mayCreate = useAccess().has('entry.create');
  const file = collection?.files?.find((f) => f.name === fileName);
  const create = useMutation({
    mutationFn: () => createEntry({ collection: collection!.name, file: fileName }),
    onSuccess: async (result) => {
      invalidateAfterCommit(queryClient);
      showToast({
        text: `Created ${result.id}${result.commit ? ` (${result.commit.slice(0, 7)})` : ''}.`,
      });
      await queryClient.invalidateQueries({ queryKey: queryKeys.entry(result.id) });
    },
  });
  if (!collection || !file) return null;
  const label = file.label ?? file.name;
  const defaults = file.fields.filter((f) => f.default !== undefined);
  return (
    <div className="status status-empty missing-file">
      <h1 className="status-title">{label} does not exist yet</h1>
      <p>
        The site’s schema declares <code>{file.path}</code> in {collection.label ?? collection.name}
        , but the repository has no such file.
      </p>
      {mayCreate ? (
        <>
          <p>
            Create it there{' '}
            {defaults.length
              ? `with its fields’ defaults (${defaults.map((f) => f.label ?? f.name).join(', ')})`
              : 'empty'}
            , then fill in its fields. It is one commit by you.
          </p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => create.mutate()}
            disabled={create.isPending}
          >
            {create.isPending ? 'Creating…' : `Create ${file.path}`}
          </button>
          {create.isError && (
            <p className="banner banner-error" role="alert">
              Not created: {describeError(create.error)}
            </p>
          )}
        </>
      ) : (
        <p>Ask an author or editor to create it.</p>
      )}
      <p>
        <Link to={`/?collection=${encodeURIComponent(collection.name)}`}>
          Back to {collection.label ?? collection.name}
        </Link>
      </p>
    </div>
  );
}
