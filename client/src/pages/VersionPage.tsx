import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { getEntryVersion } from '../api/endpoints.ts';
import { showValue } from '../components/FieldChangesTable.tsx';
import { MarkdownPreview } from '../components/MarkdownPreview.tsx';
import { RestoreButton } from '../components/RestoreButton.tsx';
import { ErrorState, Loading } from '../components/StatusMessage.tsx';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { shortOid } from '../lib/format.ts';
import { commitRoute, compareRoute, editorRoute, entryHistoryRoute } from '../lib/routes.ts';
import '../styles/history.css';

/** One old version of an entry, whole (/versions/<commit>/<entry id>): its front matter and rendered body (source on demand), read-only. */
export default function VersionPage() {
  const params = useParams();
  const commit = params.commit ?? '';
  const id = params['*'] ?? '';
  const version = useQuery({
    queryKey: ['version', id, commit],
    queryFn: () => getEntryVersion(id, commit),
    staleTime: Infinity,
  });
  const title = version.data?.frontMatter.title;
  const name = typeof title === 'string' && title ? title : id.split('/').pop();
  usePageTitle(`${name} at ${shortOid(commit)}`);

  if (version.isPending) return <Loading what="this version" />;
  if (version.isError)
    return (
      <ErrorState
        title={`This version (commit ${shortOid(commit)}) could not be loaded`}
        error={version.error}
        onRetry={() => void version.refetch()}
      />
    );
  const entry = version.data;
  return (
    <div className="version-page">
      <div className="page-head">
        <h1>{name}</h1>
        <p className="page-sub">
          As it was in <Link to={commitRoute(commit, id)}>commit {shortOid(commit)}</Link>
          {entry.id !== id && (
            <>
              , then named <code>{entry.id}</code>
            </>
          )}
          {' · '}
          <Link to={entryHistoryRoute(id)}>History</Link>
          {' · '}
          <Link to={editorRoute(id)}>Current version</Link>
          {entry.commit !== entry.head && (
            <>
              {' · '}
              <Link to={compareRoute(id, commit, entry.head)}>
                Compare with the current version
              </Link>
            </>
          )}
        </p>
        <RestoreButton id={id} commit={commit} label={name} />
      </div>
      {entry.parseError ? (
        <pre className="raw-file" aria-label={`Contents of ${entry.id}`}>
          {entry.raw}
        </pre>
      ) : (
        <>
          <h2 className="section-title">Front matter ({entry.format})</h2>
          <dl className="version-fields">
            {Object.entries(entry.frontMatter).map(([key, value]) => (
              <div key={key}>
                <dt>
                  <code>{key}</code>
                </dt>
                <dd>{showValue(value)}</dd>
              </div>
            ))}
          </dl>
          <h2 className="section-title">Body</h2>
          <section className="version-preview" aria-label="Body (rendered)">
            <MarkdownPreview source={entry.body} entryId={id} />
          </section>
          <details className="version-source">
            <summary>Markdown source</summary>
            <pre className="version-body" aria-label="Body (Markdown)">
              {entry.body}
            </pre>
          </details>
        </>
      )}
    </div>
  );
}
