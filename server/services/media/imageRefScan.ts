import { parseDocumentData } from '../../../shared/frontmatter/index.ts';
import { hasImageExtension } from './imageRefs.ts';

// ![alt](src "title"), ![alt](<src with spaces>)
const MARKDOWN_IMAGE = /!\[[^\]]*\]\(\s*(?:<([^>]+)>|([^)\s]+))/dg;
// [ref]: src (reference definitions, used by ![alt][ref])
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*(?:<([^>]+)>|(\S+))/dgm;
// <img src="..."> and shortcode parameters such as {{< figure src="..." >}}
const SRC_ATTRIBUTE = /\b(?:src|image|poster)\s*=\s*(?:"([^"]+)"|'([^']+)')/dgi;

/** One image reference in a body: its text and where that text starts and ends. */
export interface BodyImageRef {
  src: string;
  start: number;
  end: number;
}

/**
 * The image references of a Markdown body with their positions: Markdown images and reference
 * definitions, HTML `src` attributes and shortcode parameters (`src=`, `image=`, `poster=`).
 */
export function bodyImageRefs(body: string): BodyImageRef[] {
  const found: BodyImageRef[] = [];
  for (const pattern of [MARKDOWN_IMAGE, REFERENCE_DEFINITION, SRC_ATTRIBUTE])
    for (const match of body.matchAll(pattern)) {
      const group = match[1] !== undefined ? 1 : 2;
      const raw = match[group] ?? '';
      const src = raw.trim();
      if (!src || !hasImageExtension(src.replace(/[?#].*$/s, ''))) continue;
      const start = match.indices![group]![0] + (raw.length - raw.trimStart().length);
      found.push({ src, start, end: start + src.length });
    }
  return found;
}

/**
 * The image references written in one entry file: Markdown images and reference definitions, HTML
 * `src` attributes and shortcode parameters in the body, and every front matter string (at any
 * depth, as in `images:` or `cover.image`) that names an image file.
 */
export function scanImageRefs(text: string): string[] {
  const refs = new Set<string>();
  let body = text;
  try {
    const doc = parseDocumentData(text);
    body = doc.body;
    collectStrings(doc.data, refs, 0);
  } catch {
    // Unparseable front matter: the body patterns still find what they can.
  }
  for (const ref of bodyImageRefs(body)) refs.add(ref.src);
  return [...refs];
}

/** True when a front matter string names an image file (what the scan counts as a reference). */
export function isImageString(value: string): boolean {
  const src = value.trim();
  return src.length > 0 && src.length < 1024 && hasImageExtension(src.replace(/[?#].*$/s, ''));
}

function collectStrings(value: unknown, into: Set<string>, depth: number): void {
  if (depth > 64) return;
  if (typeof value === 'string') {
    if (isImageString(value)) into.add(value.trim());
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectStrings(item, into, depth + 1);
  }
}
