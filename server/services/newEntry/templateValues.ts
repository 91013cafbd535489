import type { ZonedTime } from './goTimeFormat.ts';

/** Something in a template Folio does not evaluate: a value it left empty, or a whole construct. */
export class TemplateUnsupported extends Error {
  constructor(readonly construct: string) {
    super(`Folio does not evaluate {{ ${construct} }}`);
  }
}

/** A value in the data a template reads: text, numbers, booleans, nested maps, or a time. */
export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ZonedTime
  | TemplateValue[]
  | { [key: string]: TemplateValue };

/** Go's truth: false, 0, nil, empty strings, lists and maps are false. */
export function truthy(value: TemplateValue): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '')
    return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && !isTime(value)) return Object.keys(value).length > 0;
  return true;
}

/** True for a time value (`now`). */
export function isTime(value: TemplateValue): value is ZonedTime {
  return typeof value === 'object' && value !== null && 'date' in value && 'offsetMinutes' in value;
}
