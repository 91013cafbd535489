import { Link } from 'react-router';
import type { CommitSummary } from '../../../shared/api/contract.ts';
import { formatCommitDate, shortOid } from '../lib/format.ts';
import { commitRoute } from '../lib/routes.ts';
import { RestoreButton } from './RestoreButton.tsx';

/** Props of CommitList. */
export interface CommitListProps {
  commits: CommitSummary[];
  /** The entry whose history this is (adds restore buttons), or undefined for site history. */
  entryId?: string;
}

/** Commits as a list: message, author, date, short oid; per-post history adds "Restore this version". */
export function CommitList({ commits, entryId }: CommitListProps) {
  return (
    <ol className="commit-list">
      {commits.map((commit, index) => {
        const [subject, ...rest] = commit.message.trim().split('\n');
        return (
          <li key={commit.commit} className="commit-item">
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
                {entryId && index === 0 && <span className="badge">current</span>}
              </p>
            </div>
            {entryId && index > 0 && (
              <RestoreButton id={entryId} commit={commit.commit} label={subject} />
            )}
          </li>
        );
      })}
    </ol>
  );
}
