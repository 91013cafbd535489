import {
  parseDocument,
  updateDocument,
  type FrontMatterData,
  type FrontMatterValue,
} from '../../../shared/frontmatter/index.ts';
import { bodyImageRefs, isImageString } from './imageRefScan.ts';

/** Gives the new text of one reference, or null to leave it as it is. */
export type ReferenceRewrite = (src: string) => string | null;

/**
 * The entry file `text` with each image reference that `rewrite` answers for replaced, in the
 * places the scan reads (imageRefScan.ts): body references are spliced in place, front matter
 * strings are changed through the front matter engine's in-place edit, so nothing else of the
 * file changes. A file whose front matter does not parse is never rewritten (as saves refuse
 * it): the parse error goes to the caller. Returns `text` itself when nothing was rewritten.
 */
export function rewriteImageRefs(text: string, rewrite: ReferenceRewrite): string {
  const doc = parseDocument(text);
  const body = rewriteBody(doc.body, rewrite);
  const data = rewriteData(doc.data, rewrite, 0) as FrontMatterData;
  if (body === doc.body && data === doc.data) return text;
  return updateDocument(text, data, body);
}

/**
 * The reference `src` renamed to the file name `name` in the same folder: only its last path
 * segment changes, so a bundle-relative name stays relative, a site path keeps its folders and
 * the `baseURL` subpath, and a query or fragment stays.
 */
export function renamedReference(src: string, name: string): string {
  const cut = src.search(/[?#]/);
  const bare = cut === -1 ? src : src.slice(0, cut);
  const suffix = cut === -1 ? '' : src.slice(cut);
  return `${bare.slice(0, bare.lastIndexOf('/') + 1)}${encodeURIComponent(name)}${suffix}`;
}

function rewriteBody(body: string, rewrite: ReferenceRewrite): string {
  const refs = bodyImageRefs(body).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const ref of refs) {
    if (ref.start < at) continue; // a span two patterns both matched
    const next = rewrite(ref.src);
    if (next === null || next === ref.src) continue;
    out += body.slice(at, ref.start) + next;
    at = ref.end;
  }
  return at === 0 ? body : out + body.slice(at);
}

// The same value when nothing inside changed, so unchanged maps stay the objects they were.
function rewriteData(
  value: FrontMatterValue,
  rewrite: ReferenceRewrite,
  depth: number,
): FrontMatterValue {
  if (depth > 64) return value;
  if (typeof value === 'string') {
    if (!isImageString(value)) return value;
    const src = value.trim();
    const next = rewrite(src);
    if (next === null || next === src) return value;
    const lead = value.length - value.trimStart().length;
    return value.slice(0, lead) + next + value.slice(lead + src.length);
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => rewriteData(item, rewrite, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: { [key: string]: FrontMatterValue } = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = rewriteData(item, rewrite, depth + 1);
      if (out[key] !== item) changed = true;
    }
    return changed ? out : value;
  }
  return value;
}
