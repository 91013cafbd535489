import { useQueries } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { EntryVersion } from '../../../shared/api/contract.ts';
import { getEntryVersion } from '../api/endpoints.ts';
import { DocDiff } from '../components/DocDiff.tsx';
import { RestoreButton } from '../components/RestoreButton.tsx';
import { VersionSummary } from '../components/VersionSummary.tsx';
import { ErrorState, Loading } from '../components/StatusMessage.tsx';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import type { EntryDoc } from '../lib/autosave.ts';
import { shortOid } from '../lib/format.ts';
import { compareRoute, entryHistoryRoute } from '../lib/routes.ts';
import '../styles/history.css';

/** What a version shows in a diff: its front matter and body, or its whole text when it cannot be parsed. */
function docOfVersion(version: EntryVersion): EntryDoc {
  if (version.parseError) return { frontMatter: {}, body: version.raw ?? version.body };
  return { frontMatter: version.frontMatter, body: version.body };
}

/** The label of a version in the comparison: its short commit, marked when it is the current one. */
function versionLabel(version: EntryVersion): string {
  return version.commit === version.head
    ? `${shortOid(version.commit)} (current)`
    : shortOid(version.commit);
}

/** Two versions of one entry compared (/compare/<from>/<to>/<id>): front matter changes and the body side by side. */
export default function ComparePage() {
  const params = useParams();
  const from = params.from ?? '';
  const to = params.to ?? '';
  const id = params['*'] ?? '';
  const versions = useQueries({
    queries: [from, to].map((commit) => ({
      queryKey: ['version', id, commit],
      queryFn: () => getEntryVersion(id, commit),
      staleTime: Infinity,
    })),
  });
  const older = versions[0]!;
  const newer = versions[1]!;
  const title = newer.data?.frontMatter.title ?? older.data?.frontMatter.title;
  const name = typeof title === 'string' && title ? title : id.split('/').pop();
  usePageTitle(`${name}: ${shortOid(from)} → ${shortOid(to)}`);

  const failed = versions.find((query) => query.isError);
  if (failed)
    return (
      <ErrorState
        title={`The versions of ${id} could not be compared`}
        error={failed.error}
        onRetry={() => void failed.refetch()}
      />
    );
  if (!older.data || !newer.data) return <Loading what="both versions" />;
  const before = docOfVersion(older.data);
  const after = docOfVersion(newer.data);
  const beforeLabel = versionLabel(older.data);
  const afterLabel = versionLabel(newer.data);
  return (
    <div className="compare-page">
      <div className="page-head">
        <h1>Compare versions of {name}</h1>
        <div className="version-summaries">
          <VersionSummary side="Before" version={older.data} entryId={id} />
          <span className="version-summaries-arrow" aria-hidden="true">
            →
          </span>
          <VersionSummary side="After" version={newer.data} entryId={id} />
        </div>
        <p className="page-sub">
          <Link to={compareRoute(id, to, from)}>Swap sides</Link>
          {' · '}
          <Link to={entryHistoryRoute(id)}>History</Link>
        </p>
        {(older.data.id !== newer.data.id || older.data.id !== id) && (
          <p className="page-sub">
            The file was <code>{older.data.id}</code> in {shortOid(from)} and{' '}
            <code>{newer.data.id}</code> in {shortOid(to)}.
          </p>
        )}
        <div className="compare-restore">
          {older.data.commit !== older.data.head && (
            <RestoreButton id={id} commit={from} label={name} text={`Restore ${shortOid(from)}`} />
          )}
          {newer.data.commit !== newer.data.head && (
            <RestoreButton id={id} commit={to} label={name} text={`Restore ${shortOid(to)}`} />
          )}
        </div>
      </div>
      {older.data.oid === newer.data.oid ? (
        <p className="banner banner-info" role="note">
          Both commits hold the same version of this post: there is nothing to compare.
        </p>
      ) : (
        <DocDiff before={before} after={after} beforeLabel={beforeLabel} afterLabel={afterLabel} />
      )}
    </div>
  );
}
