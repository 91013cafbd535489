import { Link } from 'react-router';
import type { EntryVersion } from '../../../shared/api/contract.ts';
import { formatCommitDate, shortOid } from '../lib/format.ts';
import { versionRoute } from '../lib/routes.ts';

/** Props of VersionSummary. */
export interface VersionSummaryProps {
  /** "Before" or "After": which side of the comparison this version is. */
  side: string;
  version: EntryVersion;
  /** The entry id the comparison is of (the version's own id differs after a move). */
  entryId: string;
}

/** One side of a comparison: its commit (linked to the version), date, author and commit message. */
export function VersionSummary({ side, version, entryId }: VersionSummaryProps) {
  const { message, author, date } = version.commitInfo;
  const [subject = '', ...rest] = message.split('\n');
  const more = rest.join('\n').trim();
  return (
    <section className="version-summary" aria-label={`${side}: commit ${shortOid(version.commit)}`}>
      <p className="version-summary-head">
        <span className="version-summary-side">{side}</span>{' '}
        <Link to={versionRoute(version.commit, entryId)}>
          <code>{shortOid(version.commit)}</code>
        </Link>
        {version.commit === version.head && <span className="muted"> (current)</span>}
      </p>
      <p className="version-summary-message">{subject || <em>No commit message</em>}</p>
      {more && <p className="version-summary-more muted">{more}</p>}
      <p className="version-summary-meta muted">
        <span title={author.email}>{author.name || author.email}</span>
        {' · '}
        <time dateTime={date}>{formatCommitDate(date)}</time>
      </p>
    </section>
  );
}
