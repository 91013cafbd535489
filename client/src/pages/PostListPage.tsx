import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  filtersFromParams,
  filtersToParams,
  hasActiveFilters,
  type EntryFilters,
} from '../api/entryFilters.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { PostList } from '../components/PostList.tsx';
import { ShortcutsDialog } from '../components/ShortcutsDialog.tsx';
import { EmptyState, ErrorState, Loading } from '../components/StatusMessage.tsx';
import { useAccess } from '../hooks/useAccess.ts';
import { useCollections } from '../hooks/useCollections.ts';
import { noCollectionTakesNewEntries } from '../lib/creatableCollections.ts';
import { listFlags } from '../lib/listFlags.ts';
import { useEntryList } from '../hooks/useEntryList.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { rememberListSearch } from '../lib/listReturn.ts';
import '../styles/list.css';

// The dialog (and react-hook-form with it) loads on first use, not with the list.
const NewPostDialog = lazy(() => import('../components/NewPostDialog.tsx'));

/** The post list: filters in the URL, server-side search and paging, one-click flags, new post. */
export default function PostListPage() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  useEffect(() => rememberListSearch(search ? `?${search}` : ''), [search]);
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [creating, setCreating] = useState(false);
  const collections = useCollections();
  // A files collection's rows are its declared files (settings, menus), not posts.
  const filesInView = collections.data?.find(
    (c) => c.name === filters.collection && c.kind === 'files',
  );
  const heading = filesInView ? (filesInView.label ?? filesInView.name) : 'Posts';
  const [one, many] = filesInView ? ['file', 'files'] : ['post', 'posts'];
  usePageTitle(hasActiveFilters(filters) && !filesInView ? 'Posts (filtered)' : heading);
  const flags = useMemo(() => listFlags(collections.data), [collections.data]);
  // Viewers read only: no New post (authors may create drafts).
  const mayCreate = useAccess().has('entry.create');
  const list = useEntryList(filters);
  const entries = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;
  // The site's languages (where new posts can go), else those seen in the list.
  const languages = useMemo(() => {
    const site = Object.keys(collections.data?.[0]?.newEntryPaths ?? {}).filter(Boolean);
    if (site.length) return site;
    return [...new Set(entries.map((e) => e.lang).filter((l): l is string => Boolean(l)))].sort();
  }, [collections.data, entries]);

  const handleChange = useCallback(
    (change: Partial<EntryFilters>, replace = false) => {
      setParams((current) => filtersToParams({ ...filtersFromParams(current), ...change }), {
        replace,
      });
    },
    [setParams],
  );
  const handleClear = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  const { fetchNextPage } = list;
  const handleLoadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return (
    <div className="list-page">
      <div className="page-head">
        <h1>{heading}</h1>
        <p className="page-count" role="status" aria-live="polite">
          {list.isSuccess &&
            `${total} ${total === 1 ? one : many}${hasActiveFilters(filters) && !filesInView ? ' match' : ''}`}
          {list.isFetching && !list.isFetchingNextPage && list.isSuccess && (
            <span className="spinner spinner-inline" aria-label="Updating" />
          )}
        </p>
        <ShortcutsDialog />
        {mayCreate && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setCreating(true)}
            disabled={!collections.data}
          >
            New post
          </button>
        )}
      </div>
      <FilterBar
        filters={filters}
        collections={collections.data ?? []}
        flags={flags.columns}
        languages={languages}
        appliedSort={list.data?.pages[0]?.sort}
        onChange={handleChange}
        onClear={handleClear}
      />
      {collections.isError && (
        <ErrorState
          title="Collections could not be loaded"
          error={collections.error}
          onRetry={() => void collections.refetch()}
        />
      )}
      {list.isPending ? (
        <Loading what="posts" />
      ) : list.isError && !list.data ? (
        <ErrorState
          title="The posts could not be loaded"
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      ) : entries.length === 0 ? (
        hasActiveFilters(filters) ? (
          <EmptyState title="No post matches these filters">
            <p>Try fewer words, or clear the filters to see every post.</p>
            <button type="button" className="button" onClick={handleClear}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="This site has no posts yet">
            {mayCreate && noCollectionTakesNewEntries(collections.data ?? []) ? (
              <p>
                The site’s schema allows no new entries in any of its collections (each has{' '}
                <code>create: false</code>, Decap’s default). An admin can set{' '}
                <code>create: true</code> on a collection in the schema file that Settings → Schema
                names.
              </p>
            ) : mayCreate ? (
              <p>
                Create the first one with “New post”: choose a section for it (Hugo’s usual one is
                “posts”). It is saved as a draft commit.
              </p>
            ) : (
              <p>
                There is nothing to read yet: posts appear here once an author or editor writes one.
              </p>
            )}
          </EmptyState>
        )
      ) : (
        <PostList
          entries={entries}
          flags={flags}
          collections={collections.data ?? []}
          showLanguage={languages.length > 1}
          total={total}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={handleLoadMore}
        />
      )}
      {list.isFetchNextPageError && (
        <ErrorState
          title="More posts could not be loaded"
          error={list.error}
          onRetry={handleLoadMore}
        />
      )}
      {collections.data && creating && (
        <Suspense fallback={null}>
          <NewPostDialog
            open
            collections={collections.data}
            languages={languages}
            defaultCollection={filters.collection}
            onClose={() => setCreating(false)}
          />
        </Suspense>
      )}
    </div>
  );
}
