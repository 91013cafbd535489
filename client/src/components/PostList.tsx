import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Collection, EntrySummary } from '../../../shared/api/contract.ts';
import type { ListFlags } from '../lib/listFlags.ts';
import { useRovingRows } from '../hooks/useRovingRows.ts';
import { activeListRow, rememberActiveRow } from '../lib/listReturn.ts';
import { editorRoute } from '../lib/routes.ts';
import { PostRow } from './PostRow.tsx';

/** Props of PostList. */
export interface PostListProps {
  entries: EntrySummary[];
  /** The collections' flags: the switches of each row. */
  flags: ListFlags;
  /** The site's collections: the labels of the rows' columns. */
  collections: readonly Collection[];
  /** Show each row's language (a site with more than one). */
  showLanguage: boolean;
  total: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
}

/**
 * The post list as virtual rows: only what is on screen is in the DOM, so 10,000 posts scroll
 * smoothly. It is a grid with one tab stop (see useRovingRows).
 */
export function PostList({
  entries,
  flags,
  collections,
  showLanguage,
  total,
  hasNextPage,
  isFetchingNextPage,
  onLoadMore,
}: PostListProps) {
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Set once the virtualizer exists; the roving rows scroll through it.
  const scrollToIndex = useRef<(index: number) => void>(() => undefined);
  const handleOpen = useCallback(
    (index: number) => {
      const entry = entries[index];
      if (!entry) return;
      void navigate(editorRoute(entry.id));
    },
    [entries, navigate],
  );
  // The row last active: focused again when the list comes back from the editor (read on mount).
  const [initial] = useState(() => {
    const opened = activeListRow();
    return opened === null ? -1 : entries.findIndex((e) => e.id === opened);
  });
  const roving = useRovingRows({
    count: entries.length,
    initial,
    scrollTo: useCallback((index: number) => scrollToIndex.current(index), []),
    onOpen: handleOpen,
    onActive: (index) => {
      const entry = entries[index];
      if (entry) rememberActiveRow(entry.id);
    },
  });
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions React Compiler cannot memoize; this component is not compiled.
  const virtualizer = useVirtualizer({
    count: entries.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 10,
    getItemKey: (index) => entries[index]?.id ?? 'loader',
    rangeExtractor: roving.rangeExtractor,
  });
  scrollToIndex.current = (index) => virtualizer.scrollToIndex(index, { align: 'auto' });
  const items = virtualizer.getVirtualItems();
  // The active row may be rendered far outside the screen: the pages load by what is on it.
  const lastIndex = virtualizer.range?.endIndex ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= entries.length - 20) onLoadMore();
  }, [hasNextPage, isFetchingNextPage, lastIndex, entries.length, onLoadMore]);

  return (
    <div ref={scrollRef} className="post-scroll">
      <div
        ref={roving.containerRef}
        role="grid"
        aria-label={`Posts, ${total} in all`}
        aria-rowcount={total}
        aria-describedby="post-list-keys"
        onKeyDown={roving.handleKeyDown}
        onFocus={roving.handleFocus}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {items.map((item) => {
          const entry = entries[item.index];
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 1}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="post-slot"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <div role="gridcell">
                {entry ? (
                  <PostRow
                    entry={entry}
                    flags={flags}
                    collections={collections}
                    showLanguage={showLanguage}
                    active={item.index === roving.active}
                  />
                ) : (
                  <p className="status status-loading">Loading more posts…</p>
                )}
              </div>
            </div>
          );
        })}
      </div>
      <p id="post-list-keys" hidden>
        Arrow keys or j and k move between posts, right arrow reaches a post&apos;s switches, e or
        Enter edits it, question mark lists the shortcuts.
      </p>
    </div>
  );
}
