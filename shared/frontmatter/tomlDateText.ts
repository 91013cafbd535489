const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))?)?$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/**
 * Whether `text` is a TOML date, date-time (with an offset or local) or local time whose fields
 * are all in range, as the canonical reader requires: February 29th only in a leap year, no leap
 * second. smol-toml would read 2023-02-29 as March 1st instead of refusing it.
 */
export function isTomlDateText(text: string): boolean {
  const time = TIME.exec(text);
  if (time) return inRange(time[1], 23) && inRange(time[2], 59) && inRange(time[3], 59);
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > days) return false;
  if (m[4] !== undefined && !(inRange(m[4], 23) && inRange(m[5], 59) && inRange(m[6], 59)))
    return false;
  return m[7] === undefined || (inRange(m[7], 23) && inRange(m[8], 59));
}

function inRange(digits: string | undefined, max: number): boolean {
  return Number(digits) <= max;
}
