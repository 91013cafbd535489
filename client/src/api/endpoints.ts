import { z } from 'zod';
import {
  CollectionListSchema,
  CommitDetailSchema,
  CommitListSchema,
  EntryListSchema,
  EntrySchema,
  HealthSchema,
  UserSchema,
  WriteResultSchema,
  type CreateEntryRequest,
  type LoginRequest,
  type PatchEntryRequest,
  type UpdateEntryRequest,
} from '../../../shared/api/contract.ts';
import { apiRequest } from './http.ts';
import type { EntryFilters } from './entryFilters.ts';

const SessionSchema = z.object({ user: UserSchema });

/** Path of an entry's API resource: the id is a repository path, so it travels as one encoded segment. */
export function entryPath(id: string, suffix = ''): string {
  return `/entries/${encodeURIComponent(id)}${suffix}`;
}

/** Server health, with the progress of the background history index. */
export const getHealth = () => apiRequest('/health', { schema: HealthSchema });
/** Who is signed in (throws ApiError 401 when nobody is). */
export const getSession = () => apiRequest('/session', { schema: SessionSchema });
/** Signs in; the server sets the httpOnly session cookie. */
export const login = (body: LoginRequest) =>
  apiRequest('/session', { method: 'POST', body, schema: SessionSchema });
/** Signs out. */
export const logout = () => apiRequest('/session', { method: 'DELETE' });

/** The site's collections and their fields. */
export const listCollections = async () =>
  (await apiRequest('/collections', { schema: CollectionListSchema })).items;

/** One page of entries matching `filters`. */
export const listEntries = (
  filters: EntryFilters,
  cursor: string | undefined,
  limit = 100,
  signal?: AbortSignal,
) =>
  apiRequest('/entries', {
    schema: EntryListSchema,
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
  apiRequest(entryPath(id), { schema: EntrySchema, signal });
/** Creates an entry (a commit). */
export const createEntry = (body: CreateEntryRequest) =>
  apiRequest('/entries', { method: 'POST', body, schema: WriteResultSchema });
/** Saves an entry against `baseOid` (409 when stale). */
export const updateEntry = (id: string, body: UpdateEntryRequest) =>
  apiRequest(entryPath(id), { method: 'PUT', body, schema: WriteResultSchema });
/** Quick field-level change, such as a flag toggle. */
export const patchEntry = (id: string, body: Partial<PatchEntryRequest>) =>
  apiRequest(entryPath(id), { method: 'PATCH', body, schema: WriteResultSchema });
/** Commits that changed one entry. */
export const getEntryHistory = (id: string, cursor?: string, limit = 50) =>
  apiRequest(entryPath(id, '/history'), { schema: CommitListSchema, query: { cursor, limit } });
/** Restores an entry to how it was at `commit` (a new commit). */
export const restoreEntry = (id: string, commit: string, baseOid?: string) =>
  apiRequest(entryPath(id, '/restore'), {
    method: 'POST',
    body: { commit, baseOid },
    schema: WriteResultSchema,
  });

/** Site-wide history. */
export const listCommits = (cursor?: string, author?: string, limit = 50) =>
  apiRequest('/commits', { schema: CommitListSchema, query: { cursor, author, limit } });
/** One commit with its per-file front matter and body changes. */
export const getCommit = (oid: string) =>
  apiRequest(`/commits/${encodeURIComponent(oid)}`, { schema: CommitDetailSchema });
