import { z } from 'zod';
import { countedList, fieldMessages } from '../messages.ts';
import type { FieldKind, FieldOption, FieldSpec } from '../types.ts';

/** The stored value of an option. */
export function optionValue(option: FieldOption): string | number {
  return typeof option === 'object' ? option.value : option;
}

/** What the form shows for an option. */
export function optionLabel(option: FieldOption): string {
  return typeof option === 'object' ? option.label : String(option);
}

function oneOf(spec: FieldSpec) {
  const values = (spec.options ?? []).map(optionValue);
  const message = fieldMessages.option(spec, values.map(String).join(', '));
  return z
    .union([z.string(), z.number()], { error: message })
    .refine((value) => values.includes(value), message);
}

/** One of a fixed list of choices (or several, with `multiple`). */
export const selectKind: FieldKind = {
  name: 'select',
  detect: () => false,
  parse: (value, spec) => {
    if (spec.multiple) return Array.isArray(value) ? value : undefined;
    return typeof value === 'string' || typeof value === 'number' ? value : undefined;
  },
  serialize: (value) => value,
  schema: (spec) =>
    spec.multiple ? countedList(spec, oneOf(spec), 'a list of choices') : oneOf(spec),
  empty: (spec) => (spec.multiple ? [] : ''),
};
