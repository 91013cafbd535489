import { parseDocumentData } from '../../../shared/frontmatter/index.ts';
import { hasImageExtension } from './imageRefs.ts';

// ![alt](src "title"), ![alt](<src with spaces>)
const MARKDOWN_IMAGE = /!\[[^\]]*\]\(\s*(?:<([^>]+)>|([^)\s]+))/g;
// [ref]: src (reference definitions, used by ![alt][ref])
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*(?:<([^>]+)>|(\S+))/gm;
// <img src="..."> and shortcode parameters such as {{< figure src="..." >}}
const SRC_ATTRIBUTE = /\b(?:src|image|poster)\s*=\s*(?:"([^"]+)"|'([^']+)')/gi;

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
  for (const pattern of [MARKDOWN_IMAGE, REFERENCE_DEFINITION, SRC_ATTRIBUTE])
    for (const match of body.matchAll(pattern)) {
      const src = (match[1] ?? match[2] ?? '').trim();
      if (src && hasImageExtension(src.replace(/[?#].*$/s, ''))) refs.add(src);
    }
  return [...refs];
}

function collectStrings(value: unknown, into: Set<string>, depth: number): void {
  if (depth > 64) return;
  if (typeof value === 'string') {
    const src = value.trim();
    if (src.length < 1024 && hasImageExtension(src.replace(/[?#].*$/s, ''))) into.add(src);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectStrings(item, into, depth + 1);
  }
}
