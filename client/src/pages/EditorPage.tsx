import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { ParseErrorInfoSchema, type Collection, type Entry } from '../../../shared/api/contract.ts';
import { decide } from '../../../shared/policy/can.ts';
import type { ConflictedSaveDetails } from '../../../shared/api/sync.ts';
import { describeError, isApiError } from '../api/ApiError.ts';
import { getConflictedSave, getEntry } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { EntryEditor } from '../components/EntryEditor.tsx';
import { EntryMediaContext } from '../hooks/useEntryMedia.ts';
import { ReadOnlyEntry } from '../components/ReadOnlyEntry.tsx';
import { MissingDeclaredFile } from '../components/MissingDeclaredFile.tsx';
import { EmptyState, ErrorState, Loading } from '../components/StatusMessage.tsx';
import { useAccess, type Access } from '../hooks/useAccess.ts';
import type { ConflictedOpening } from '../hooks/useConflictedSave.ts';
import { conflictsRoute } from '../lib/routes.ts';
import { useCollections } from '../hooks/useCollections.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import '../styles/editor.css';
import '../styles/media.css';

/** The editor route (/edit/<entry id>): loads the entry fresh, then hands it to the editor or the read-only view. */
export default function EditorPage() {
  const id = useParams()['*'] ?? '';
  // ?conflict=<commit>: open on a conflicted save's version of this post (from the list of them).
  const conflictCommit = /^[0-9a-f]{40}$/.exec(useSearchParams()[0].get('conflict') ?? '')?.[0];
  const conflictedSave = useQuery({
    queryKey: queryKeys.conflictedSave(conflictCommit ?? ''),
    queryFn: ({ signal }) => getConflictedSave(conflictCommit!, signal),
    enabled: conflictCommit !== undefined,
    staleTime: Infinity,
  });
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

  if (entry.isPending || collections.isPending || (conflictCommit && conflictedSave.isPending))
    return <Loading what="the post" />;
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
      const missing = missingFileOf(entry.error.details);
      if (missing)
        return (
          <MissingDeclaredFile
            collection={collections.data?.find((c) => c.name === missing.collection)}
            fileName={missing.file}
          />
        );
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
  const collection = collectionFor(collections.data, entry.data);
  const readOnly = readOnlyReason(entry.data, access);
  const opening = conflictedOpening(conflictedSave.data, entry.data);
  // Image fields preview their paths for this entry and pick from the library for it.
  return (
    <EntryMediaContext.Provider value={{ entryId: entry.data.id, canChange: readOnly === null }}>
      {conflictCommit && !opening && (
        <p className="banner banner-warn" role="alert">
          {conflictedSave.isError
            ? `The conflicted save could not be loaded: ${describeError(conflictedSave.error)} `
            : 'This post has no version in that conflicted save to merge (it was deleted on one side). '}
          The post opens as it is on the branch.{' '}
          <Link to={conflictsRoute}>Back to the conflicted saves</Link>
        </p>
      )}
      <EntryEditor
        key={`${entry.data.id}:${opening ? conflictCommit : ''}`}
        entry={entry.data}
        collection={collection}
        readOnly={readOnly}
        conflicted={readOnly === null ? opening : null}
      />
    </EntryMediaContext.Provider>
  );
}

/** The collection whose fields the form shows: for a declared file, its files collection with that file's own fields. */
function collectionFor(collections: readonly Collection[] | undefined, entry: Entry) {
  const declared = entry.declaredFile;
  if (declared) {
    const files = collections?.find((c) => c.name === declared.collection);
    const file = files?.files?.find((f) => f.name === declared.name);
    if (files && file) return { ...files, fields: file.fields, declared: true };
  }
  return collections?.find((c) => c.name === entry.collection);
}

// The declared file a 404 names (`details.reason: "missing_declared_file"`), if any.
function missingFileOf(details: unknown): { collection: string; file: string } | null {
  const d = details as { reason?: unknown; collection?: unknown; file?: unknown } | undefined;
  return d?.reason === 'missing_declared_file' &&
    typeof d.collection === 'string' &&
    typeof d.file === 'string'
    ? { collection: d.collection, file: d.file }
    : null;
}

/** The conflicted save's version of `entry` to open the conflict view on, when it has one. */
function conflictedOpening(
  save: ConflictedSaveDetails | undefined,
  entry: Entry,
): ConflictedOpening | null {
  const post = save?.posts.find((p) => p.id === entry.id);
  if (!save || !post?.yours || !post.current) return null;
  const doc = (v: { frontMatter: Entry['frontMatter']; body: string }) => ({
    frontMatter: v.frontMatter,
    body: v.body,
  });
  return { save, yours: doc(post.yours), base: post.base && doc(post.base) };
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
