import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { EntrySummary } from '../../../shared/api/contract.ts';
import type { ListFlags } from '../lib/listFlags.ts';
import { PostRow } from './PostRow.tsx';

/** Props of PostList. */
export interface PostListProps {
  entries: EntrySummary[];
  /** The collections' flags: the switches of each row. */
  flags: ListFlags;
  total: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
}

/** The post list as virtual rows: only what is on screen is in the DOM, so 10,000 posts scroll smoothly. */
export function PostList({
  entries,
  flags,
  total,
  hasNextPage,
  isFetchingNextPage,
  onLoadMore,
}: PostListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions React Compiler cannot memoize; this component is not compiled.
  const virtualizer = useVirtualizer({
    count: entries.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 10,
    getItemKey: (index) => entries[index]?.id ?? 'loader',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= entries.length - 20) onLoadMore();
  }, [hasNextPage, isFetchingNextPage, lastIndex, entries.length, onLoadMore]);

  return (
    <div ref={scrollRef} className="post-scroll" tabIndex={0} role="region" aria-label="Post list">
      <div
        role="list"
        aria-label={`Posts, ${total} in all`}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {items.map((item) => {
          const entry = entries[item.index];
          return (
            <div
              key={item.key}
              role="listitem"
              aria-posinset={item.index + 1}
              aria-setsize={total}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="post-slot"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {entry ? (
                <PostRow entry={entry} flags={flags} />
              ) : (
                <p className="status status-loading">Loading more posts…</p>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
