import { z } from 'zod';
import { realDay } from '../datetime/index.ts';
import { fieldMessages } from '../messages.ts';
import type { FieldKind } from '../types.ts';

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDateText(text: string): boolean {
  const m = DATE_TEXT.exec(text);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A calendar day, `2025-04-18`. */
export const dateKind: FieldKind = {
  name: 'date',
  detect: (value) => typeof value === 'string' && value.length === 10 && DATE_TEXT.test(value),
  parse: (value) => (typeof value === 'string' ? value : undefined),
  serialize: (value) => value,
  schema: (spec) =>
    z.string({ error: fieldMessages.date(spec) }).refine(isDateText, fieldMessages.date(spec)),
  empty: () => '',
};
