const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');

/** The current time as an RFC 3339 string with the browser's UTC offset, the way Hugo authors write dates. */
export function nowWithOffset(now = new Date()): string {
  const offset = -now.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${date}T${time}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** True for the date and date-time forms Hugo reads (date only, local time, Z or an offset). */
export function isDateTimeString(value: string): boolean {
  return (
    DATE_TIME.test(value.trim()) &&
    !Number.isNaN(new Date(value.trim().replace(' ', 'T')).getTime())
  );
}
