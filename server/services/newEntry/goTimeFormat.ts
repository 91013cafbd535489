/** A moment with the UTC offset (minutes east) and zone name it is shown in, as Go's time.Time. */
export interface ZonedTime {
  date: Date;
  offsetMinutes: number;
  zoneName: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The server's local time now (its offset and zone abbreviation), as Hugo's `now` is. */
export function localNow(date = new Date()): ZonedTime {
  const offsetMinutes = -date.getTimezoneOffset();
  const zone = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  return { date, offsetMinutes, zoneName: zone && !/^GMT/.test(zone) ? zone : 'UTC' };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// Go's reference layout tokens, longest first so "January" wins over "Jan" and "2006" over "2".
const TOKENS = [
  'January',
  'Monday',
  'Z07:00',
  '-07:00',
  '.000000000',
  '.000000',
  '.000',
  '2006',
  'Jan',
  'Mon',
  'MST',
  'Z0700',
  '-0700',
  '-07',
  '01',
  '02',
  '_2',
  '15',
  '03',
  '04',
  '05',
  '06',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];

/** Formats `time` with a Go layout (`2006-01-02T15:04:05Z07:00`), as Go's Time.Format does. */
export function formatGoTime(time: ZonedTime, layout: string): string {
  // The wall clock in the zone: shift by the offset and read the UTC fields.
  const t = new Date(time.date.getTime() + time.offsetMinutes * 60_000);
  const hour = t.getUTCHours();
  const offset = (sep: string, zulu: boolean) => {
    if (zulu && time.offsetMinutes === 0) return 'Z';
    const sign = time.offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(time.offsetMinutes);
    return `${sign}${pad(Math.floor(abs / 60))}${sep}${pad(abs % 60)}`;
  };
  const values: Record<string, () => string> = {
    January: () => MONTHS[t.getUTCMonth()]!,
    Jan: () => MONTHS[t.getUTCMonth()]!.slice(0, 3),
    Monday: () => DAYS[t.getUTCDay()]!,
    Mon: () => DAYS[t.getUTCDay()]!.slice(0, 3),
    MST: () => time.zoneName,
    'Z07:00': () => offset(':', true),
    Z0700: () => offset('', true),
    '-07:00': () => offset(':', false),
    '-0700': () => offset('', false),
    '-07': () => offset('', false).slice(0, 3),
    '2006': () => String(t.getUTCFullYear()),
    '06': () => pad(t.getUTCFullYear() % 100),
    '01': () => pad(t.getUTCMonth() + 1),
    '1': () => String(t.getUTCMonth() + 1),
    '02': () => pad(t.getUTCDate()),
    _2: () => String(t.getUTCDate()).padStart(2, ' '),
    '2': () => String(t.getUTCDate()),
    '15': () => pad(hour),
    '03': () => pad(hour % 12 || 12),
    '3': () => String(hour % 12 || 12),
    '04': () => pad(t.getUTCMinutes()),
    '4': () => String(t.getUTCMinutes()),
    '05': () => pad(t.getUTCSeconds()),
    '5': () => String(t.getUTCSeconds()),
    PM: () => (hour >= 12 ? 'PM' : 'AM'),
    pm: () => (hour >= 12 ? 'pm' : 'am'),
    '.000': () => `.${pad(t.getUTCMilliseconds(), 3)}`,
    '.000000': () => `.${pad(t.getUTCMilliseconds(), 3)}000`,
    '.000000000': () => `.${pad(t.getUTCMilliseconds(), 3)}000000`,
  };
  let out = '';
  for (let at = 0; at < layout.length;) {
    const token = TOKENS.find((k) => layout.startsWith(k, at));
    if (token) {
      out += values[token]!();
      at += token.length;
    } else out += layout[at++];
  }
  return out;
}

/** Go's time.RFC3339 layout, which Hugo's `.Date` of an archetype is written in. */
export const RFC3339 = '2006-01-02T15:04:05Z07:00';
