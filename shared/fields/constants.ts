// Inference thresholds without zod, so that the list's chunk can import them.

/** Text longer than this, or with a line break, is `text` (a text area), not `string`. */
export const LONG_TEXT = 100;

/** Keys that name images in the themes Folio has met (hugo-theme-bootstrap's `images`, `cover`...). */
export const IMAGE_KEYS = /^(images?|cover|thumbnail|featured_?image|banner|og_?image)$/i;

/** A value that reads as a path to an image file (`cover.jpg`, `/images/a.webp?v=2`). */
export const IMAGE_PATH = /^[^\s<>"]+\.(?:png|jpe?g|gif|webp|avif|svg)(?:[?#]\S*)?$/i;
