import type { EntryStatus, EntrySummary } from '../../../shared/api/contract.ts';

/** The statuses, in the order the filter offers them. */
export const STATUSES: readonly EntryStatus[] = ['published', 'scheduled', 'draft', 'expired'];

/** Short names of the statuses, as a badge shows them. */
export const STATUS_LABELS: Record<EntryStatus, string> = {
  published: 'Published',
  scheduled: 'Scheduled',
  draft: 'Draft',
  expired: 'Expired',
};

const wallFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/**
 * The status a row shows: the server's, or a draft's at once after a toggle (a row just taken out
 * of draft shows none until the list is fetched again, as only the server knows its dates).
 */
export function shownStatus(entry: EntrySummary): EntryStatus | null {
  if (entry.draft) return 'draft';
  return entry.status === 'draft' ? null : entry.status;
}

/**
 * What a status means for this entry, in words: "Scheduled for 12 Jan 2027, 09:00" (the site's
 * clock time, with its UTC offset when it differs from the reader's at that moment).
 */
export function describeStatus(status: EntryStatus, statusAt?: string): string {
  const when = statusAt ? formatSiteTime(statusAt) : null;
  switch (status) {
    case 'draft':
      return 'Draft: Hugo does not build it';
    case 'scheduled':
      return when ? `Scheduled for ${when}` : 'Scheduled';
    case 'expired':
      return when ? `Expired on ${when}` : 'Expired';
    case 'published':
      return 'Published';
  }
}

/** "2027-01-12T09:00:00+01:00" as "12 Jan 2027, 09:00", plus "UTC+01:00" when the reader's zone differs. */
export function formatSiteTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return iso;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  const offset =
    m[7] === 'Z'
      ? 0
      : (m[7]!.startsWith('-') ? -1 : 1) * (+m[7]!.slice(1, 3) * 60 + +m[7]!.slice(4));
  const instant = wall - offset * 60_000;
  const readerOffset = -new Date(instant).getTimezoneOffset();
  const text = wallFormat.format(new Date(wall));
  return readerOffset === offset ? text : `${text} (UTC${m[7] === 'Z' ? '' : m[7]})`;
}

/** Reads a `status` URL value ("draft,scheduled"): the known statuses in it, or undefined. */
export function parseStatusList(value: string | null | undefined): EntryStatus[] | undefined {
  if (!value) return undefined;
  const known = value
    .split(',')
    .filter((s): s is EntryStatus => STATUSES.includes(s as EntryStatus));
  return known.length > 0 ? [...new Set(known)] : undefined;
}

/**
 * What the site's build options do to an entry whose status says Hugo does not build it:
 * "yet the site's buildFuture = true publishes it in every build" (null when they do nothing).
 */
export function describeBuiltBy(entry: EntrySummary): string | null {
  if (!entry.builtBy?.length || shownStatus(entry) !== entry.status) return null;
  const options = entry.builtBy.map((option) => `${option} = true`).join(' and ');
  return `yet the site’s ${options} publishes it in every build`;
}
