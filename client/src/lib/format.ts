const dayFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** The calendar day an author wrote ("2025-04-18T10:00:00-06:00" -> "18 Apr 2025"), never shifted by time zone. */
export function formatEntryDate(date: string | null): string {
  if (!date) return 'No date';
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!day) return date;
  return dayFormat.format(new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))));
}

/** A commit time in the reader's zone. */
export function formatCommitDate(date: string): string {
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? date : dateTimeFormat.format(parsed);
}

/** First 7 characters of an oid, as git shows it. */
export const shortOid = (oid: string) => oid.slice(0, 7);
