import { Link } from 'react-router';
import type { CommitSummary, WriteResult } from '../../../shared/api/contract.ts';
import { formatCommitDate, shortOid } from '../lib/format.ts';
import { commitRoute, versionRoute } from '../lib/routes.ts';
import { RestoreButton } from './RestoreButton.tsx';

/** Props of CommitList. */
export interface CommitListProps {
  commits: CommitSummary[];
  /** The entry whose history this is (adds restore buttons), or undefined for site history. */
  entryId?: string;
  /** Called when a deleted entry was restored (its button goes away as the history reloads). */
  onRestoredDeleted?: (result: WriteResult) => void;
  /** Commits picked to compare (per-post history only), and how a pick is toggled. */
  compare?: { selected: string[]; onToggle: (commit: string) => void };
}

/** Commits as a list: message, author, date, short oid; per-post history adds "Restore this version". */
export function CommitList({ commits, entryId, onRestoredDeleted, compare }: CommitListProps) {
  return (
    <ol className="commit-list">
      {commits.map((commit, index) => {
        const [subject, ...rest] = commit.message.trim().split('\n');
        // A deleted post comes back as it was in the commit before the one that deleted it.
        const before = commit.deleted ? commits[index + 1] : undefined;
        return (
          <li key={commit.commit} className="commit-item">
            {compare && (
              <input
                type="checkbox"
                className="commit-pick"
                checked={compare.selected.includes(commit.commit)}
                disabled={commit.deleted}
                onChange={() => compare.onToggle(commit.commit)}
                aria-label={`Compare the version of commit ${shortOid(commit.commit)}`}
                title={commit.deleted ? 'The post has no version in this commit' : undefined}
              />
            )}
            <div className="commit-main">
              <Link to={commitRoute(commit.commit, entryId)} className="commit-subject">
                {subject || '(no message)'}
              </Link>
              {rest.join('\n').trim() && <p className="commit-body">{rest.join('\n').trim()}</p>}
              <p className="commit-meta">
                <span className="commit-author" title={commit.author.email}>
                  {commit.author.name}
                </span>{' '}
                · <time dateTime={commit.date}>{formatCommitDate(commit.date)}</time> ·{' '}
                <code>{shortOid(commit.commit)}</code>
                {entryId && index === 0 && !commit.deleted && (
                  <span className="badge">current</span>
                )}
                {commit.deleted && <span className="badge badge-deleted">deleted</span>}
                {entryId && !commit.deleted && (
                  <>
                    {' · '}
                    <Link
                      to={versionRoute(commit.commit, entryId)}
                      aria-label={`View the whole version of commit ${shortOid(commit.commit)}`}
                    >
                      View
                    </Link>
                  </>
                )}
              </p>
            </div>
            {entryId && before && index === 0 && (
              <RestoreButton
                id={entryId}
                commit={before.commit}
                label={`the deleted post ${entryId.split('/').pop()}`}
                text="Restore the deleted post"
                onRestored={onRestoredDeleted}
              />
            )}
            {entryId && index > 0 && !commit.deleted && (
              <RestoreButton id={entryId} commit={commit.commit} label={subject} />
            )}
          </li>
        );
      })}
    </ol>
  );
}
