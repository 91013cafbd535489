import { isDateTimeString, nowWithOffset } from '../lib/dateTime.ts';

const readable = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const readableDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });

/** How a valid date string reads: a bare day stays that day; a time is shown in the reader's zone. */
function describeDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim()))
    return `${readableDay.format(new Date(`${value.trim()}T00:00:00Z`))} (a day, no time)`;
  return `${readable.format(new Date(value.trim().replace(' ', 'T')))} in your time zone`;
}

/** Props of DateTimeInput. */
export interface DateTimeInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** A date-time kept exactly as written (offset included), with a check and a readable echo. */
export function DateTimeInput({ id, label, value, onChange }: DateTimeInputProps) {
  const valid = value === '' || isDateTimeString(value);
  const help = !valid
    ? 'Not a date Hugo reads: use 2025-04-18T10:00:00-06:00 or 2025-04-18.'
    : value
      ? describeDate(value)
      : 'Empty';
  return (
    <div className="datetime">
      <input
        id={id}
        value={value}
        spellCheck={false}
        inputMode="numeric"
        aria-invalid={!valid}
        aria-describedby={`${id}-help`}
        onChange={(event) => onChange(event.target.value)}
      />
      <button
        type="button"
        className="button button-small"
        aria-label={`Set ${label} to now`}
        onClick={() => onChange(nowWithOffset())}
      >
        Now
      </button>
      <span id={`${id}-help`} className={valid ? 'field-help' : 'field-error'}>
        {help}
      </span>
    </div>
  );
}
