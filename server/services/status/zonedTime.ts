// Wall-clock times (a date written without an offset) turned into instants in an IANA time zone,
// the way Go's time.Date does it, so that Folio and Hugo agree on the moment a post goes live.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `zone` is a time zone name this runtime knows (e.g. "Europe/Berlin", "UTC"). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

const DAY = 86_400_000;
const MINUTE = 60_000;
// Per zone: the offset at each UTC midnight asked about, and the instant of the change within a
// day whose two midnights differ. An offset changes at most once a day, on a whole minute, so two
// midnights (shared with the neighbouring days) answer for every instant of most days.
const dayOffsets = new Map<string, Map<number, number>>();
const dayChanges = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
export function zoneOffsetAt(zone: string, instant: number): number {
  if (isUtc(zone)) return 0;
  const day = Math.floor(instant / DAY);
  const start = midnightOffset(zone, day);
  const end = midnightOffset(zone, day + 1);
  if (start === end) return start;
  let changes = dayChanges.get(zone);
  if (!changes) dayChanges.set(zone, (changes = new Map()));
  let change = changes.get(day);
  if (change === undefined) {
    // The first minute of the day that has the next midnight's offset.
    let lo = 0;
    let hi = DAY / MINUTE;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (formattedOffset(zone, day * DAY + mid * MINUTE) === end) hi = mid;
      else lo = mid + 1;
    }
    change = day * DAY + lo * MINUTE;
    changes.set(day, change);
  }
  return instant < change ? start : end;
}

function midnightOffset(zone: string, day: number): number {
  let offsets = dayOffsets.get(zone);
  if (!offsets) dayOffsets.set(zone, (offsets = new Map()));
  let offset = offsets.get(day);
  if (offset === undefined) {
    offset = formattedOffset(zone, day * DAY);
    offsets.set(day, offset);
  }
  return offset;
}

// The offset as the runtime's time zone data gives it (whole seconds). format() and a regular
// expression cost a sixth of formatToParts.
function formattedOffset(zone: string, instant: number): number {
  const text = formatterFor(zone).format(new Date(instant));
  const m = /^(\d+)\/(\d+)\/(-?\d+),? (\d+):(\d+):(\d+)/.exec(text);
  if (!m) throw new Error(`Unexpected date format from Intl: ${text}`);
  const wall = Date.UTC(
    Number(m[3]),
    Number(m[1]) - 1,
    Number(m[2]),
    Number(m[4]) % 24,
    Number(m[5]),
    Number(m[6]),
  );
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant of wall-clock time `wall` (its fields read as if UTC, in ms) in `zone`. As Go's
 * time.Date (which Hugo uses): the offset in force at `wall` is tried first, and when the result
 * falls outside it the offset at that result is used, so a time in a spring-forward gap moves by
 * the gap and an ambiguous fall-back time takes the offset in force at the naive UTC reading.
 */
export function wallTimeToInstant(wall: number, zone: string): number {
  if (isUtc(zone)) return wall;
  const first = zoneOffsetAt(zone, wall);
  return wall - zoneOffsetAt(zone, wall - first);
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === '';
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** `instant` as an ISO 8601 text in `zone`, with the zone's offset there ("2027-01-12T09:00:00+01:00"). */
export function formatInZone(instant: number, zone: string): string {
  const offset = zoneOffsetAt(zone, instant);
  const wall = new Date(instant + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const minutes = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${wall}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}
