import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getSync } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { ConflictedSaveCard } from '../components/ConflictedSaveCard.tsx';
import { EmptyState, ErrorState, Loading } from '../components/StatusMessage.tsx';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import '../styles/sync.css';

/** The conflicted saves page (/sync/conflicts): offline saves the remote contradicted, each post to resolve. */
export default function ConflictsPage() {
  usePageTitle('Conflicted saves');
  const sync = useQuery({ queryKey: queryKeys.sync, queryFn: getSync });
  if (sync.isPending) return <Loading what="the conflicted saves" />;
  if (sync.isError)
    return (
      <ErrorState
        title="The sync status could not be loaded"
        error={sync.error}
        onRetry={() => void sync.refetch()}
      />
    );
  if (!sync.data.enabled)
    return (
      <EmptyState title="Sync is off on this server">
        <p>
          Saves are only committed here, so none can conflict with a remote.{' '}
          <Link to="/">Back to the posts</Link>.
        </p>
      </EmptyState>
    );
  const { conflicts, remote } = sync.data;
  return (
    <div className="conflicts-page">
      <div className="page-head">
        <h1>Conflicted saves</h1>
      </div>
      {conflicts.length === 0 ? (
        <EmptyState title="No conflicted saves">
          <p>
            Every save is on {remote} or waiting to be sent. <Link to="/">Back to the posts</Link>.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="conflicts-intro">
            These saves were made while {remote} could not be reached, and {remote} changed the same
            posts meanwhile, so Folio did not send them. Nothing is lost: each is kept on this
            server until it is resolved. Resolving a post opens the conflict view with the save as
            yours and the post on {remote} as theirs; once its posts are saved, the save is done.
          </p>
          <ul className="conflicted-saves" aria-label="Conflicted saves">
            {conflicts.map((save) => (
              <ConflictedSaveCard key={save.commit} save={save} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
