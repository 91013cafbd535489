import type {
  CollectionList,
  CommitDetail,
  CommitList,
  CreateEntryRequest,
  Entry,
  EntryList,
  Health,
  LoginRequest,
  PatchEntryRequest,
  UpdateEntryRequest,
  User,
  WriteResult,
} from '../../../shared/api/contract.ts';
import type { SyncAnswer } from '../../../shared/api/sync.ts';
import { isApiError } from './ApiError.ts';
import { apiRequest } from './http.ts';
import type { EntryFilters } from './entryFilters.ts';

/** The answer of the session routes. */
interface Session {
  user: User;
}

/** Path of an entry's API resource: the id is a repository path, so it travels as one encoded segment. */
export function entryPath(id: string, suffix = ''): string {
  return `/entries/${encodeURIComponent(id)}${suffix}`;
}

/** Sync with the site's remote: state, changes waiting, last error (`enabled: false` without one). */
export const getSync = () => apiRequest<SyncAnswer>('/sync');
/** Server health, with the progress of the background history index. */
export const getHealth = () => apiRequest<Health>('/health');
/** Who is signed in (throws ApiError 401 when nobody is). */
export const getSession = () => apiRequest<Session>('/session');
/** The signed-in editor, or null when nobody is. */
export async function getSessionUser(): Promise<User | null> {
  try {
    return (await getSession()).user;
  } catch (err) {
    if (isApiError(err, 'unauthenticated')) return null;
    throw err;
  }
}
/** Signs in; the server sets the httpOnly session cookie. */
export const login = (body: LoginRequest) =>
  apiRequest<Session>('/session', { method: 'POST', body });
/** Signs out. */
export const logout = () => apiRequest('/session', { method: 'DELETE' });

/** The site's collections and their fields. */
export const listCollections = async () => (await apiRequest<CollectionList>('/collections')).items;

/** Size of one page of the entry list. */
export const PAGE_SIZE = 100;

/** One page of entries matching `filters`. */
export const listEntries = (
  filters: EntryFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
  limit = PAGE_SIZE,
) =>
  apiRequest<EntryList>('/entries', {
    signal,
    query: {
      collection: filters.collection,
      q: filters.q,
      draft: filters.draft,
      featured: filters.featured,
      pinned: filters.pinned,
      tag: filters.tag,
      category: filters.category,
      author: filters.author,
      lang: filters.lang,
      sort: filters.sort,
      limit,
      cursor,
    },
  });

/** One entry with its front matter, body and blob oid. */
export const getEntry = (id: string, signal?: AbortSignal) =>
  apiRequest<Entry>(entryPath(id), { signal });
/** Creates an entry (a commit). */
export const createEntry = (body: CreateEntryRequest) =>
  apiRequest<WriteResult>('/entries', { method: 'POST', body });
/** Saves an entry against `baseOid` (409 when stale). */
export const updateEntry = (id: string, body: UpdateEntryRequest) =>
  apiRequest<WriteResult>(entryPath(id), { method: 'PUT', body });
/** Quick field-level change, such as a flag toggle. */
export const patchEntry = (id: string, body: Partial<PatchEntryRequest>) =>
  apiRequest<WriteResult>(entryPath(id), { method: 'PATCH', body });
/** Commits that changed one entry. */
export const getEntryHistory = (id: string, cursor?: string, limit = 50) =>
  apiRequest<CommitList>(entryPath(id, '/history'), { query: { cursor, limit } });
/** Restores an entry to how it was at `commit` (a new commit). */
export const restoreEntry = (id: string, commit: string, baseOid?: string) =>
  apiRequest<WriteResult>(entryPath(id, '/restore'), {
    method: 'POST',
    body: { commit, baseOid },
  });

/** Site-wide history. */
export const listCommits = (cursor?: string, author?: string, limit = 50) =>
  apiRequest<CommitList>('/commits', { query: { cursor, author, limit } });
/** One commit with its per-file front matter and body changes. */
export const getCommit = (oid: string) =>
  apiRequest<CommitDetail>(`/commits/${encodeURIComponent(oid)}`);
