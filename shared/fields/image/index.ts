import { isStringList } from '../json.ts';
import type { FieldKind, FieldSpec } from '../types.ts';
import { pathKind } from '../file/index.ts';

/** Keys that name images in the themes Folio has met (hugo-theme-bootstrap's `images`, `cover`...). */
export const IMAGE_KEYS = /^(images?|cover|thumbnail|featured_?image|banner|og_?image)$/i;

/** An image path or list of paths (the media library picks them when there is one). */
export const imageKind: FieldKind = {
  ...pathKind('image'),
  name: 'image',
  detect: (value, key) =>
    IMAGE_KEYS.test(key) && (typeof value === 'string' || isStringList(value)),
  empty: (spec: FieldSpec) => (spec.multiple ? [] : ''),
};
