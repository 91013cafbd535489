import type { EntryStatus } from '../../../shared/api/contract.ts';
import type { IndexedEntry } from '../EntryIndex.ts';
import type { DocumentSummary } from '../summarizeDocument.ts';
import type { HugoDateSettings } from './hugoDateSettings.ts';
import { wallTimeToInstant } from './zonedTime.ts';

/** An entry's publish and expiry instants as Hugo resolves them (epoch ms; null: none). */
export interface EntryInstants {
  publish: number | null;
  expiry: number | null;
}

// Hugo's :filename date: a leading YYYY-MM-DD in the file's (or its bundle folder's) name.
const FILENAME_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

// Resolved instants per settings and entry. Both are kept while their snapshot lives, and an
// unchanged entry is the same object in the next snapshot, so each is resolved once per config.
const resolved = new WeakMap<HugoDateSettings, WeakMap<IndexedEntry, EntryInstants>>();

/** The publish and expiry instants of `entry` under the site's date settings (memoized). */
export function entryInstants(entry: IndexedEntry, settings: HugoDateSettings): EntryInstants {
  let byEntry = resolved.get(settings);
  if (!byEntry) {
    byEntry = new WeakMap();
    resolved.set(settings, byEntry);
  }
  let instants = byEntry.get(entry);
  if (!instants) {
    instants = {
      publish: pick(entry, settings.publishDate, settings.timeZone),
      expiry: pick(entry, settings.expiryDate, settings.timeZone),
    };
    byEntry.set(entry, instants);
  }
  return instants;
}

/**
 * What Hugo does with `entry` at `now`: a draft is never built; an expiry date before now makes it
 * expired; a publish date after now, scheduled; else published. Null for a file whose front matter
 * cannot be read (Hugo fails the build on it).
 */
export function entryStatus(
  entry: IndexedEntry,
  settings: HugoDateSettings,
  now: number,
): EntryStatus | null {
  if (entry.doc.error) return null;
  if (entry.doc.draft) return 'draft';
  const { publish, expiry } = entryInstants(entry, settings);
  return statusAt(publish, expiry, now);
}

/** A setting of the site's config that makes `hugo` build a page its status says it would not. */
export type BuildSetting = 'buildDrafts' | 'buildFuture' | 'buildExpired';

/**
 * The config settings under which a plain `hugo` build publishes `entry` although its status is
 * draft, scheduled or expired (Hugo builds a page when each of its reasons not to is switched off
 * by its setting); null when the status says it all (published, or not built).
 */
export function builtBy(
  entry: IndexedEntry,
  settings: HugoDateSettings,
  now: number,
  status: EntryStatus | null,
): BuildSetting[] | null {
  if (status === null || status === 'published') return null;
  const { publish, expiry } = entryInstants(entry, settings);
  const reasons: [boolean, boolean, BuildSetting][] = [
    [entry.doc.draft, settings.build.drafts, 'buildDrafts'],
    [publish !== null && publish > now, settings.build.future, 'buildFuture'],
    [expiry !== null && expiry < now, settings.build.expired, 'buildExpired'],
  ];
  const applying = reasons.filter(([applies]) => applies);
  if (applying.length === 0 || applying.some(([, allowed]) => !allowed)) return null;
  return applying.map(([, , name]) => name);
}

/** The status of a non-draft with these instants at `now` (Hugo: expired wins over future). */
export function statusAt(publish: number | null, expiry: number | null, now: number): EntryStatus {
  if (expiry !== null && expiry < now) return 'expired';
  if (publish !== null && publish > now) return 'scheduled';
  return 'published';
}

// The first key of `keys` the entry has a date for, as an instant.
function pick(entry: IndexedEntry, keys: string[], zone: string): number | null {
  for (const key of keys) {
    if (key === ':filename') {
      const wall = filenameDate(entry);
      if (wall !== null) return wallTimeToInstant(wall, zone);
      continue;
    }
    const found = dateOf(entry.doc, key, zone);
    if (found !== null) return found;
  }
  return null;
}

function dateOf(doc: DocumentSummary, key: string, zone: string): number | null {
  const instant = doc.instants?.[key];
  if (instant !== undefined) return instant;
  const wall = doc.wallTimes?.[key];
  return wall === undefined ? null : wallTimeToInstant(wall, zone);
}

function filenameDate(entry: IndexedEntry): number | null {
  // The slug is the file's name without language and extension, or the bundle's folder.
  const m = FILENAME_DATE.exec(entry.slug);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).getUTCDate() === Number(m[3]) ? ms : null;
}
