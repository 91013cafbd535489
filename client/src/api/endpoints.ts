import type {
  CollectionList,
  CommitDetail,
  CommitList,
  CreateEntryRequest,
  CreateTranslationRequest,
  Entry,
  EntryList,
  EntryVersion,
  ChangePasswordRequest,
  CreatedUser,
  CreateUserRequest,
  Health,
  LoginRequest,
  PasswordReset,
  SessionInfo,
  UpdateProfileRequest,
  UpdateUserRequest,
  UserAnswer,
  UserList,
  PatchEntryRequest,
  UpdateEntryRequest,
  WriteResult,
} from '../../../shared/api/contract.ts';
import type {
  OutsideEdit,
  ResolveOutsideEditRequest,
  ResolveOutsideEditResult,
} from '../../../shared/api/outsideEdit.ts';
import type { ConflictedSaveDetails, SyncAnswer } from '../../../shared/api/sync.ts';
import type { NewEntryPlan, NewEntryPreviewQuery } from '../../../shared/api/newEntry.ts';
import type { SiteSchema } from '../../../shared/schema/siteSchema.ts';
import { isApiError } from './ApiError.ts';
import { apiRequest } from './http.ts';
import type { EntryFilters } from './entryFilters.ts';

/** Path of an entry's API resource: the id is a repository path, so it travels as one encoded segment. */
export function entryPath(id: string, suffix = ''): string {
  return `/entries/${encodeURIComponent(id)}${suffix}`;
}

/** Sync with the site's remote: state, changes waiting, last error (`enabled: false` without one). */
export const getSync = () => apiRequest<SyncAnswer>('/sync');
/** One conflicted save: each post it changed, as yours, the version it started from and the branch's now. */
export const getConflictedSave = (commit: string, signal?: AbortSignal) =>
  apiRequest<ConflictedSaveDetails>(`/sync/conflicts/${commit}`, { signal });
/** Drops a conflicted save once an editor resolved it (its ref and its place in the list). */
export const dropConflictedSave = (commit: string) =>
  apiRequest<{ commit: string; dropped: true }>(`/sync/conflicts/${commit}`, { method: 'DELETE' });
/** Server health, with the progress of the background history index. */
export const getHealth = () => apiRequest<Health>('/health');
/** Who is signed in (throws ApiError 401 when nobody is). */
export const getSession = () => apiRequest<SessionInfo>('/session');
/** The signed-in user with their permissions, or null when nobody is. */
export async function getSessionUser(): Promise<SessionInfo | null> {
  try {
    return await getSession();
  } catch (err) {
    if (isApiError(err, 'unauthenticated')) return null;
    throw err;
  }
}
/** Signs in; the server sets the httpOnly session cookie. */
export const login = (body: LoginRequest) =>
  apiRequest<SessionInfo>('/session', { method: 'POST', body });
/** Signs out. */
export const logout = () => apiRequest('/session', { method: 'DELETE' });
/** Ends every session of the signed-in user, this one too. */
export const signOutEverywhere = () =>
  apiRequest('/session/sign-out-everywhere', { method: 'POST' });

/** The signed-in user's own record. */
export const getProfile = () => apiRequest<UserAnswer>('/profile');
/** Changes the signed-in user's name or email (the author of their next commits). */
export const updateProfile = (body: UpdateProfileRequest) =>
  apiRequest<UserAnswer>('/profile', { method: 'PATCH', body });
/** Changes the signed-in user's password (400 with `details.field` when refused). */
export const changePassword = (body: ChangePasswordRequest) =>
  apiRequest('/profile/password', { method: 'POST', body });

/** Every user (admins only). */
export const listUsers = async () => (await apiRequest<UserList>('/users')).items;
/** Adds a user; without a password the answer carries a one-time one. */
export const createUser = (body: CreateUserRequest) =>
  apiRequest<CreatedUser>('/users', { method: 'POST', body });
/** Changes a user's name, email, role, collections or disabled flag. */
export const updateUser = (username: string, body: UpdateUserRequest) =>
  apiRequest<UserAnswer>(`/users/${encodeURIComponent(username)}`, { method: 'PATCH', body });
/** Removes a user (their commits stay). */
export const deleteUser = (username: string) =>
  apiRequest(`/users/${encodeURIComponent(username)}`, { method: 'DELETE' });
/** Replaces a user's password with a one-time one. */
export const resetUserPassword = (username: string) =>
  apiRequest<PasswordReset>(`/users/${encodeURIComponent(username)}/password-reset`, {
    method: 'POST',
  });

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
      flag: filters.flag,
      status: filters.status,
      tag: filters.tag,
      category: filters.category,
      author: filters.author,
      lang: filters.lang,
      sort: filters.sort,
      view: filters.view,
      limit,
      cursor,
      ...Object.fromEntries(
        Object.entries(filters.fields ?? {}).map(([key, value]) => [`field.${key}`, value]),
      ),
    },
  });

/** One entry with its front matter, body and blob oid. */
export const getEntry = (id: string, signal?: AbortSignal) =>
  apiRequest<Entry>(entryPath(id), { signal });
/** Creates an entry (a commit). */
export const createEntry = (body: CreateEntryRequest) =>
  apiRequest<WriteResult>('/entries', { method: 'POST', body });
/** Creates `lang`'s translation of an entry as a draft copy (a commit). */
export const createTranslation = (body: CreateTranslationRequest) =>
  apiRequest<WriteResult>('/entries', { method: 'POST', body });
/** The post POST /api/entries would create in `collection` now: its path, front matter and template notes. */
export function previewNewEntry(
  collection: string,
  query: NewEntryPreviewQuery,
  signal?: AbortSignal,
): Promise<NewEntryPlan> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  // "." (the site's top-level pages) would be folded away by URL normalisation: send it encoded.
  const name = collection === '.' ? '%2E' : encodeURIComponent(collection);
  return apiRequest<NewEntryPlan>(`/collections/${name}/new?${params}`, { signal });
}
/** The site's declared schema: its source file, collections, fields and problems (admins). */
export const getSchema = () => apiRequest<SiteSchema>('/schema');
/** The folio.yml Folio would write from what it infers (admins). */
export const getInferredSchema = () =>
  apiRequest<{ path: string; text: string }>('/schema/inferred');
/** Commits the inferred schema as folio.yml (admins; 409 when a schema is already declared). */
export const writeInferredSchema = () =>
  apiRequest<WriteResult>('/schema/inferred', { method: 'POST', body: {} });
/** Saves an entry against `baseOid` (409 when stale). */
export const updateEntry = (id: string, body: UpdateEntryRequest) =>
  apiRequest<WriteResult>(entryPath(id), { method: 'PUT', body });
/** Quick field-level change, such as a flag toggle. */
export const patchEntry = (id: string, body: Partial<PatchEntryRequest>) =>
  apiRequest<WriteResult>(entryPath(id), { method: 'PATCH', body });
/** Deletes an entry (a commit; 409 when `baseOid` is stale). */
export const deleteEntry = (id: string, baseOid: string) =>
  apiRequest<WriteResult>(entryPath(id), { method: 'DELETE', query: { baseOid } });
/** Moves or renames an entry to the id `to` (a commit that git sees as a rename). */
export const moveEntry = (id: string, to: string, baseOid: string) =>
  apiRequest<WriteResult>(entryPath(id, '/move'), { method: 'POST', body: { to, baseOid } });
/** The entry's file in the working tree against HEAD (an uncommitted edit made outside Folio). */
export const getOutsideEdit = (id: string) =>
  apiRequest<OutsideEdit>(entryPath(id, '/outside-edit'));
/** Commits the outside edit as found (keep-theirs), then, for save-mine, my version on top of it. */
export const resolveOutsideEdit = (id: string, body: ResolveOutsideEditRequest) =>
  apiRequest<ResolveOutsideEditResult>(entryPath(id, '/outside-edit'), { method: 'POST', body });
/** Commits that changed one entry. */
export const getEntryHistory = (id: string, cursor?: string, limit = 50) =>
  apiRequest<CommitList>(entryPath(id, '/history'), { query: { cursor, limit } });
/** Entry `id` as it was in `commit` (a deleted or renamed entry too). */
export const getEntryVersion = (id: string, commit: string) =>
  apiRequest<EntryVersion>(entryPath(id, `/versions/${encodeURIComponent(commit)}`));
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
