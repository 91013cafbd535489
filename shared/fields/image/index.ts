import { isStringList } from '../json.ts';
import type { FieldKind, FieldSpec } from '../types.ts';
import { pathKind } from '../file/index.ts';

import { IMAGE_KEYS } from '../constants.ts';

export { IMAGE_KEYS };

/** An image path or list of paths (the media library picks them when there is one). */
export const imageKind: FieldKind = {
  ...pathKind('image'),
  name: 'image',
  detect: (value, key) =>
    IMAGE_KEYS.test(key) && (typeof value === 'string' || isStringList(value)),
  empty: (spec: FieldSpec) => (spec.multiple ? [] : ''),
};
