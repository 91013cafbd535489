import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ParseErrorInfoSchema, type Entry } from '../../../shared/api/contract.ts';
import { decide } from '../../../shared/policy/can.ts';
import { isApiError } from '../api/ApiError.ts';
import { getEntry } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { EntryEditor } from '../components/EntryEditor.tsx';
import { EntryMediaContext } from '../hooks/useEntryMedia.ts';
import { ReadOnlyEntry } from '../components/ReadOnlyEntry.tsx';
import { EmptyState, ErrorState, Loading } from '../components/StatusMessage.tsx';
import { useAccess, type Access } from '../hooks/useAccess.ts';
import { useCollections } from '../hooks/useCollections.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import '../styles/editor.css';
import '../styles/media.css';

/** The editor route (/edit/<entry id>): loads the entry fresh, then hands it to the editor or the read-only view. */
export default function EditorPage() {
  const id = useParams()['*'] ?? '';
  const collections = useCollections();
  const access = useAccess();
  const entry = useQuery({
    queryKey: queryKeys.entry(id),
    queryFn: ({ signal }) => getEntry(id, signal),
    // Always read the entry fresh when the editor opens, and never swap it under the editor's feet.
    gcTime: 0,
    staleTime: Infinity,
    enabled: id !== '',
  });
  // EntryEditor names the page after the post once it opens.
  usePageTitle(
    entry.isSuccess && !entry.data.parseError ? undefined : `Post ${id.split('/').pop()}`,
  );

  if (entry.isPending || collections.isPending) return <Loading what="the post" />;
  if (entry.isError) {
    if (isApiError(entry.error, 'unparseable')) {
      const details = entry.error.details as { raw?: unknown; parseError?: unknown } | undefined;
      const parseError = ParseErrorInfoSchema.safeParse(details?.parseError ?? details);
      return (
        <ReadOnlyEntry
          id={id}
          raw={typeof details?.raw === 'string' ? details.raw : ''}
          error={parseError.success ? parseError.data : { message: entry.error.message }}
        />
      );
    }
    if (isApiError(entry.error, 'not_found')) {
      return (
        <EmptyState title="This post does not exist (any more)">
          <p>
            It may have been moved or deleted. <Link to="/">Back to the post list</Link>.
          </p>
        </EmptyState>
      );
    }
    return (
      <ErrorState
        title="The post could not be loaded"
        error={entry.error}
        onRetry={() => void entry.refetch()}
      />
    );
  }
  if (entry.data.parseError)
    return (
      <ReadOnlyEntry
        id={id}
        raw={entry.data.raw ?? entry.data.body}
        error={entry.data.parseError}
      />
    );
  const collection = collections.data?.find((c) => c.name === entry.data.collection);
  const readOnly = readOnlyReason(entry.data, access);
  // Image fields preview their paths for this entry and pick from the library for it.
  return (
    <EntryMediaContext.Provider value={{ entryId: entry.data.id, canChange: readOnly === null }}>
      <EntryEditor
        key={`${entry.data.id}`}
        entry={entry.data}
        collection={collection}
        readOnly={readOnly}
      />
    </EntryMediaContext.Provider>
  );
}

/** Why the signed-in user may only read `entry` (from its `can` and the policy), or null when they may edit it. */
function readOnlyReason(entry: Entry, access: Access): string | null {
  if (!entry.can || entry.can.edit) return null;
  const session = access.session;
  if (!session) return 'You are not signed in.';
  const authors = [entry.frontMatter.authors, entry.frontMatter.author]
    .flat()
    .filter((a): a is string => typeof a === 'string');
  const decision = decide(session.user, 'entry.edit', {
    entry: {
      collection: entry.collection,
      draft: entry.frontMatter.draft === true || entry.frontMatter.draft === 'true',
      authors,
      createdBy: null,
    },
  });
  // The server knows who created the entry in Folio; the client does not, so "own" is its word.
  if (!decision.allowed && decision.reason !== 'not_own') return decision.message;
  return session.user.role === 'author'
    ? 'Authors may change only their own drafts, and this post is someone else’s: ask an editor to change it.'
    : 'You may read this post and its history, but not change it.';
}
