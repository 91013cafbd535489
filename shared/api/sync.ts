import { z } from 'zod';
import { OidSchema, type Entry } from './contract.ts';

/** A local commit that could not be sent because the remote changed the same files. */
export interface ConflictedSave {
  commit: string;
  subject: string;
  author: string;
  /** When the save was made (the commit's author date, ISO 8601). */
  date: string;
  /** Where the commit is kept (a ref under refs/folio/conflicts/). */
  ref: string;
}

/** Where Folio syncs, how far apart the two branches are, and what went wrong (`GET /api/sync`). */
export interface SyncStatus {
  remote: string;
  /** The remote's URL, never with credentials. */
  url: string;
  branch: string;
  state: 'idle' | 'syncing' | 'offline' | 'error' | 'stopped';
  /** Local commits not on the remote yet. */
  ahead: number;
  /** Remote commits not here yet (as of the last fetch). */
  behind: number;
  lastFetchAt: string | null;
  lastPushAt: string | null;
  lastError: string | null;
  conflicts: ConflictedSave[];
}

/** The answer of `GET /api/sync`. */
export type SyncAnswer = ({ enabled: true } & SyncStatus) | { enabled: false };

/** The parameters of `/api/sync/conflicts/{commit}`. */
export const ConflictParamsSchema = z.object({ commit: OidSchema });

/** One version of a post in a conflicted save, shaped as the entry API shapes entries. */
export type ConflictVersion = Pick<
  Entry,
  'oid' | 'format' | 'frontMatter' | 'body' | 'raw' | 'parseError'
>;

/** A post a conflicted save changed: the save's version, the one it started from, the branch's now. */
export interface ConflictedPost {
  /** The entry id (its repository-relative path). */
  id: string;
  collection: string;
  /** The conflicted save's version ("yours"); null when the save deleted the post. */
  yours: ConflictVersion | null;
  /** The version the save started from (its parent's); null when the save created the post. */
  base: ConflictVersion | null;
  /** The post on the branch now (its `oid` is the `baseOid` of a save); null when deleted since. */
  current: Entry | null;
}

/** The answer of `GET /api/sync/conflicts/{commit}`: the save and each post it changed. */
export interface ConflictedSaveDetails extends ConflictedSave {
  posts: ConflictedPost[];
  /** Other files the save changed (not posts), repository-relative. */
  files: string[];
}
