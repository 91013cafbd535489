import { z } from 'zod';
import { fieldMessages } from '../messages.ts';
import type { FieldKind } from '../types.ts';

/** A date with a time, and an offset when the author gave one (kept exactly as written). */
export const DATETIME_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** True when the year, month and day of a matched date exist (no 2025-02-30). */
export function realDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isDateTimeText(text: string): boolean {
  const m = DATETIME_TEXT.exec(text);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A date and time as text: the offset stays the one written, nothing is converted. */
export const datetimeKind: FieldKind = {
  name: 'datetime',
  // Every date starts with a digit: titles and names are ruled out at once (this runs per key of every file).
  detect: (value) =>
    typeof value === 'string' &&
    value.charCodeAt(0) >= 0x30 &&
    value.charCodeAt(0) <= 0x39 &&
    DATETIME_TEXT.test(value),
  parse: (value) => (typeof value === 'string' ? value : undefined),
  serialize: (value) => value,
  schema: (spec) =>
    z
      .string({ error: fieldMessages.datetime(spec) })
      .refine(isDateTimeText, fieldMessages.datetime(spec)),
  empty: () => '',
};
