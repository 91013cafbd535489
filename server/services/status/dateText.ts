// Front matter date texts as Hugo reads them: with an offset they name an instant; without one
// they are a wall-clock time, read later in the site's time zone (see zonedTime.ts).

/** A parsed date: epoch ms, and whether it still needs the site's time zone (no offset written). */
export interface ParsedDate {
  ms: number;
  floating: boolean;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([Zz]|UTC)|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Reads a date as Hugo does for the forms sites write (`2027-01-12`, `2027-01-12T09:00:00`,
 * `2027-01-12 09:00`, with `Z` or `+01:00`); other texts Date.parse accepts (RFC 1123 and the
 * like, which carry their zone) count as instants. Null when it is not a date.
 */
export function parseDateText(text: string): ParsedDate | null {
  const trimmed = text.trim();
  const m = ISO.exec(trimmed);
  if (!m) {
    // Only texts that look like dates: Date.parse reads "1" or "May" as dates too.
    if (!/\d{4}/.test(trimmed) || !/[a-z]{3}/i.test(trimmed)) return null;
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? null : { ms, floating: false };
  }
  const [, y, mo, d, h, mi, s, frac, utc, sign, oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return null;
  let ms = Date.UTC(Number(y), month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March: such a date is not one.
  if (new Date(ms).getUTCDate() !== day) return null;
  if (frac) ms += Math.floor(Number(`0.${frac}`) * 1000);
  if (utc) return { ms, floating: false };
  if (sign) {
    const offset = (Number(oh) * 60 + Number(om)) * 60_000;
    return { ms: sign === '+' ? ms - offset : ms + offset, floating: false };
  }
  return { ms, floating: true };
}
