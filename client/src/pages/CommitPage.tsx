import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { FileChange } from '../../../shared/api/contract.ts';
import { getCommit } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { FieldChangesTable } from '../components/FieldChangesTable.tsx';
import { RestoreButton } from '../components/RestoreButton.tsx';
import { SideBySideDiff } from '../components/SideBySideDiff.tsx';
import { ErrorState, Loading } from '../components/StatusMessage.tsx';
import { formatCommitDate, shortOid } from '../lib/format.ts';
import { editorRoute, entryHistoryRoute, commitRoute } from '../lib/routes.ts';
import { diffFromUnified } from '../lib/sideBySide.ts';
import '../styles/history.css';

const STATUS_LABEL: Record<FileChange['status'], string> = {
  added: 'Added',
  modified: 'Modified',
  deleted: 'Deleted',
  renamed: 'Renamed',
};

/** One commit: who, when, why, and per file the front matter changes and a side-by-side body diff. */
export default function CommitPage() {
  const oid = useParams().oid ?? '';
  const [params] = useSearchParams();
  const focus = params.get('entry');
  const commit = useQuery({
    queryKey: queryKeys.commit(oid),
    queryFn: () => getCommit(oid),
    staleTime: Infinity,
  });
  const subjectLine = commit.data?.message.trim().split('\n')[0];
  usePageTitle(`Commit ${shortOid(oid)}${subjectLine ? `: ${subjectLine}` : ''}`);
  const changes = useMemo(() => {
    const all = commit.data?.changes ?? [];
    const focused = (c: FileChange) => c.id === focus || c.previousId === focus;
    return focus ? [...all.filter(focused), ...all.filter((c) => !focused(c))] : all;
  }, [commit.data, focus]);

  if (commit.isPending) return <Loading what="the commit" />;
  if (commit.isError)
    return (
      <ErrorState
        title={`Commit ${shortOid(oid)} could not be loaded`}
        error={commit.error}
        onRetry={() => void commit.refetch()}
      />
    );
  const [subject, ...rest] = commit.data.message.trim().split('\n');

  return (
    <div className="commit-page">
      <div className="page-head">
        <h1>{subject || '(no message)'}</h1>
      </div>
      {rest.join('\n').trim() && <p className="commit-body">{rest.join('\n').trim()}</p>}
      <dl className="commit-facts">
        <dt>Author</dt>
        <dd>
          {commit.data.author.name} &lt;{commit.data.author.email}&gt;
        </dd>
        <dt>Date</dt>
        <dd>
          <time dateTime={commit.data.date}>{formatCommitDate(commit.data.date)}</time>
        </dd>
        <dt>Commit</dt>
        <dd>
          <code>{commit.data.commit}</code>
        </dd>
        {commit.data.parents.length > 0 && (
          <>
            <dt>{commit.data.parents.length > 1 ? 'Parents' : 'Parent'}</dt>
            <dd>
              {commit.data.parents.map((parent) => (
                <Link key={parent} to={commitRoute(parent, focus ?? undefined)}>
                  <code>{shortOid(parent)}</code>{' '}
                </Link>
              ))}
            </dd>
          </>
        )}
      </dl>
      {commit.data.shallow && (
        <p className="banner banner-warn" role="note">
          History ends here: this repository is a shallow clone without this commit&rsquo;s parent,
          so every file shows as added (as <code>git show</code> shows it).
        </p>
      )}
      {changes.length === 0 && <p className="muted">This commit changed no file.</p>}
      {commit.data.truncated && (
        <p className="banner banner-warn">
          This commit changed more files than shown here; see the rest with git (git show --stat).
        </p>
      )}
      {changes.map((change) => (
        <FileChangeView
          key={change.id}
          change={change}
          commit={commit.data.commit}
          parent={commit.data.parents[0]}
        />
      ))}
    </div>
  );
}

function FileChangeView({
  change,
  commit,
  parent,
}: {
  change: FileChange;
  commit: string;
  parent: string | undefined;
}) {
  const rows = useMemo(() => diffFromUnified(change.body), [change.body]);
  return (
    <section className="file-change" aria-labelledby={`change-${change.id}`}>
      <header className="file-change-head">
        <h2 id={`change-${change.id}`}>
          <span className={`badge badge-${change.status}`}>{STATUS_LABEL[change.status]}</span>{' '}
          <code>{change.id}</code>
          {change.previousId && <span className="muted"> (was {change.previousId})</span>}
        </h2>
        <div className="file-change-actions">
          {change.status !== 'deleted' && (
            <>
              <Link to={editorRoute(change.id)}>Open</Link>
              <Link to={entryHistoryRoute(change.id)}>History</Link>
              <RestoreButton id={change.id} commit={commit} />
            </>
          )}
          {change.status === 'deleted' && (
            <>
              <Link to={entryHistoryRoute(change.id)}>History</Link>
              {parent && (
                <RestoreButton
                  id={change.id}
                  commit={parent}
                  label={`the deleted ${change.id.split('/').pop()}`}
                  text="Restore the deleted post"
                />
              )}
            </>
          )}
        </div>
      </header>
      {change.unavailable && (
        <p className="banner banner-warn" role="note">
          No diff: this partial clone does not have the content of this file in this commit (git
          fetches it on demand; Folio does not).
        </p>
      )}
      <FieldChangesTable changes={change.frontMatter} caption="Front matter changes" />
      <h3>Body</h3>
      <SideBySideDiff
        rows={rows}
        caption={`Body of ${change.id}: before and after`}
        leftLabel="Before"
        rightLabel="After"
      />
    </section>
  );
}
