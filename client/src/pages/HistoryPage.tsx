import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { CommitSummary, WriteResult } from '../../../shared/api/contract.ts';
import { Link, useParams, useSearchParams } from 'react-router';
import { getEntryHistory, getHealth, listCommits } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { CommitList } from '../components/CommitList.tsx';
import { DebouncedInput } from '../components/DebouncedInput.tsx';
import { EmptyState, ErrorState, Loading } from '../components/StatusMessage.tsx';
import { shortOid } from '../lib/format.ts';
import { commitRoute, compareRoute, editorRoute } from '../lib/routes.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import '../styles/history.css';

/** History: of one post (/history/<id>) or of the whole site (/history, filterable by author). */
export default function HistoryPage() {
  const entryId = useParams()['*'] || undefined;
  const [params, setParams] = useSearchParams();
  const author = entryId ? undefined : params.get('author') || undefined;
  usePageTitle(entryId ? `History of ${entryId.split('/').pop()}` : 'Site history');
  const history = useInfiniteQuery({
    queryKey: entryId ? queryKeys.entryHistory(entryId) : queryKeys.siteHistory(author),
    queryFn: ({ pageParam }) =>
      entryId ? getEntryHistory(entryId, pageParam) : listCommits(pageParam, author),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const commits = history.data?.pages.flatMap((page) => page.items) ?? [];
  const deleted = Boolean(entryId && commits[0]?.deleted);
  const [restored, setRestored] = useState<WriteResult | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  // Two picks at most: a third replaces the older pick, as in a wiki's "compare revisions".
  const handleToggle = useCallback(
    (commit: string) =>
      setPicked((current) =>
        current.includes(commit)
          ? current.filter((c) => c !== commit)
          : [...current.slice(-1), commit],
      ),
    [],
  );
  const shallow = history.data?.pages.some((page) => page.shallow) ?? false;
  const unavailable = history.data?.pages.some((page) => page.unavailable) ?? false;
  const handleAuthor = useCallback(
    (value: string) => setParams(value ? { author: value } : {}, { replace: true }),
    [setParams],
  );

  return (
    <div className="history-page">
      <div className="page-head">
        <h1>{entryId ? 'History of this post' : 'Site history'}</h1>
        {entryId && (
          <p className="page-sub">
            <code>{entryId}</code>
            {!deleted && (
              <>
                {' '}
                · <Link to={editorRoute(entryId)}>Open in the editor</Link>
              </>
            )}
          </p>
        )}
        {restored?.commit && (
          <p className="banner" role="status">
            Restored in{' '}
            <Link to={commitRoute(restored.commit, restored.id)}>
              commit {shortOid(restored.commit)}
            </Link>
            . <Link to={editorRoute(restored.id)}>Open the post</Link>
          </p>
        )}
        {deleted && (
          <p className="banner banner-warn" role="note">
            This post was deleted in the newest commit below. “Restore the deleted post” brings it
            back as it was just before, in a new commit.
          </p>
        )}
        {entryId && <HistoryIndexProgress />}
      </div>
      {!entryId && (
        <label className="history-filter">
          Author
          <DebouncedInput
            value={author ?? ''}
            onCommit={handleAuthor}
            placeholder="Any author"
            delay={400}
          />
        </label>
      )}
      {history.isPending ? (
        <Loading what="history" />
      ) : history.isError ? (
        <ErrorState
          title="The history could not be loaded"
          error={history.error}
          onRetry={() => void history.refetch()}
        />
      ) : commits.length === 0 ? (
        <EmptyState title={author ? `No commit by “${author}”` : 'No commits yet'}>
          <p>
            {author
              ? 'Check the spelling, or clear the author filter.'
              : 'Saves, toggles and new posts will appear here.'}
          </p>
        </EmptyState>
      ) : (
        <>
          {entryId && !deleted && commits.length > 1 && (
            <CompareBar entryId={entryId} commits={commits} picked={picked} />
          )}
          <CommitList
            commits={commits}
            entryId={entryId}
            onRestoredDeleted={setRestored}
            compare={entryId ? { selected: picked, onToggle: handleToggle } : undefined}
          />
          {shallow && (
            <p className="banner banner-warn" role="note">
              History ends here: this repository is a shallow clone, so older commits are not in it
              (fetch them with <code>git fetch --unshallow</code>).
            </p>
          )}
          {unavailable && (
            <p className="banner banner-warn" role="note">
              Older history may be missing: this post was renamed with edits, and this partial clone
              does not have the earlier content needed to tell what it was called before.
            </p>
          )}
          {history.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void history.fetchNextPage()}
              disabled={history.isFetchingNextPage}
            >
              {history.isFetchingNextPage ? 'Loading…' : 'Load older commits'}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** "Compare 1a2b3c4 → 5d6e7f8": the link to the comparison of the two picked versions, older first. */
function CompareBar({
  entryId,
  commits,
  picked,
}: {
  entryId: string;
  commits: CommitSummary[];
  picked: string[];
}) {
  const order = (commit: string) => commits.findIndex((c) => c.commit === commit);
  // The history is newest first: the older pick is the one further down.
  const [newer, older] = [...picked].sort((a, b) => order(a) - order(b));
  return (
    <div className="compare-bar" role="group" aria-label="Compare two versions">
      {older && newer ? (
        <Link className="button button-small" to={compareRoute(entryId, older, newer)}>
          Compare {shortOid(older)} → {shortOid(newer)}
        </Link>
      ) : (
        <span className="muted">
          {picked.length === 0
            ? 'Tick two versions to compare them.'
            : 'Tick one more version to compare with.'}
        </span>
      )}
    </div>
  );
}

/** "Indexing history… 42%" while the server builds its history index (post history is slower until then). */
function HistoryIndexProgress() {
  const health = useQuery({
    queryKey: queryKeys.health,
    queryFn: getHealth,
    refetchInterval: (query) => (query.state.data?.historyIndex.ready === false ? 2000 : false),
  });
  const progress = health.data?.historyIndex;
  if (!progress || progress.ready) return null;
  const percent = progress.total ? Math.floor((progress.indexed / progress.total) * 100) : 0;
  return (
    <p className="page-sub" role="status">
      Indexing history… {percent}%
    </p>
  );
}
