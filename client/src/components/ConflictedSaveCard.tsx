import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ConflictedPost, ConflictedSave } from '../../../shared/api/sync.ts';
import { describeError } from '../api/ApiError.ts';
import { getConflictedSave } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { useAccess } from '../hooks/useAccess.ts';
import { useDropConflictedSave } from '../hooks/useConflictedSave.ts';
import { formatCommitDate, shortOid } from '../lib/format.ts';
import { resolvedPosts } from '../lib/resolvedPosts.ts';
import { conflictEditorRoute, editorRoute } from '../lib/routes.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';

function titleOf(post: ConflictedPost): string {
  for (const version of [post.yours, post.current, post.base]) {
    const title = version?.frontMatter.title;
    if (typeof title === 'string' && title) return title;
  }
  return post.id.split('/').pop() ?? post.id;
}

// What stands between the save and the branch for one post, in words.
function stateOf(post: ConflictedPost): string {
  if (!post.current) return 'Deleted on the remote since: nothing to merge into.';
  if (!post.yours) return 'This save deleted the post, and the remote changed it meanwhile.';
  return 'Changed on the remote too.';
}

/** One conflicted save in the list: subject, author, date, the posts it touched and how to resolve each. */
export function ConflictedSaveCard({ save }: { save: ConflictedSave }) {
  const access = useAccess();
  const [asking, setAsking] = useState(false);
  const drop = useDropConflictedSave();
  const details = useQuery({
    queryKey: queryKeys.conflictedSave(save.commit),
    queryFn: ({ signal }) => getConflictedSave(save.commit, signal),
  });
  const posts = details.data?.posts ?? [];
  const done = resolvedPosts(save.commit);
  // Resolving needs the right to edit each post's collection, as the server's policy says.
  const mayResolve =
    details.isSuccess &&
    access.has('entry.edit') &&
    posts.every((post) => access.can('entry.edit', { collection: post.collection }));
  return (
    <li className="conflicted-save">
      <h2 className="conflicted-subject">{save.subject || '(no message)'}</h2>
      <p className="muted">
        Saved by {save.author} {formatCommitDate(save.date)} as commit{' '}
        <code>{shortOid(save.commit)}</code> while the remote could not be reached.
      </p>
      {details.isPending && <p className="muted">Loading the posts it changed…</p>}
      {details.isError && (
        <p className="form-error" role="alert">
          The posts of this save could not be loaded: {describeError(details.error)} Reload the page
          to try again.
        </p>
      )}
      {posts.length > 0 && (
        <ul className="conflicted-posts" aria-label={`Posts changed by “${save.subject}”`}>
          {posts.map((post) => (
            <li key={post.id}>
              <span className="conflicted-post-title">{titleOf(post)}</span>{' '}
              <code className="muted">{post.id}</code>
              <span className="conflicted-post-state">
                {done.has(post.id) ? 'Resolved in this browser.' : stateOf(post)}
              </span>
              {post.yours && post.current && !done.has(post.id) && mayResolve ? (
                <Link
                  className="button button-small"
                  to={conflictEditorRoute(post.id, save.commit)}
                  aria-label={`Resolve “${titleOf(post)}”`}
                >
                  Resolve…
                </Link>
              ) : (
                post.current && (
                  <Link className="button button-small button-quiet" to={editorRoute(post.id)}>
                    Open the post
                  </Link>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {details.data && details.data.files.length > 0 && (
        <p className="muted">
          Other files it changed: {details.data.files.map((f) => `${f}`).join(', ')}.
        </p>
      )}
      {mayResolve && (
        <p className="conflicted-actions">
          <button type="button" className="button button-small" onClick={() => setAsking(true)}>
            Mark resolved
          </button>
          <span className="field-help">
            When the branch already has what this save meant, or you merged it another way.
          </span>
        </p>
      )}
      {!mayResolve && details.isSuccess && (
        <p className="field-help">An editor of these posts can resolve this save.</p>
      )}
      <ConfirmDialog
        open={asking}
        title="Stop keeping this save?"
        confirmLabel={drop.isPending ? 'Dropping…' : 'Mark resolved'}
        busy={drop.isPending}
        danger
        onConfirm={() => drop.mutate(save.commit, { onSuccess: () => setAsking(false) })}
        onCancel={() => setAsking(false)}
      >
        <p>
          Folio stops keeping commit <code>{shortOid(save.commit)}</code> (“{save.subject}”). What
          it changed that is not on the branch is given up; the posts stay as they are on the
          branch.
        </p>
        {drop.isError && (
          <p className="form-error" role="alert">
            Not dropped: {describeError(drop.error)} The save is still kept; try again.
          </p>
        )}
      </ConfirmDialog>
    </li>
  );
}
