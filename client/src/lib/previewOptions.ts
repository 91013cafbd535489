import type { MDEditorProps } from '@uiw/react-md-editor/common';
import { imageUrl } from '../api/media.ts';
import rehypeSanitize from 'rehype-sanitize';
import { isSiteReference, safeUrl } from './safeUrl.ts';

// The preview renders raw HTML (rehype-raw) and, left alone, keeps every URL: sanitize the tree
// (no script, iframe, on* attributes; only safe protocols) and drop unsafe URLs again at render.
const basePreviewOptions = {
  rehypePlugins: [[rehypeSanitize]],
  urlTransform: safeUrl,
  // The preview's heading anchors and code copy buttons lose their icon and target to sanitizing,
  // leaving unnamed links: leave both out.
  disableCopy: true,
  rehypeRewrite: (node, _index, parent) => {
    if (node.type === 'element' && parent?.type === 'root' && /^h[1-6]$/.test(node.tagName)) {
      node.children = node.children.filter(
        (child) =>
          !(
            child.type === 'element' &&
            child.tagName === 'a' &&
            child.properties?.ariaHidden === 'true'
          ),
      );
    }
  },
} satisfies MDEditorProps['previewOptions'];

/** Options of the sanitized Markdown preview; with `entryId`, its images come from the repository, resolved for that entry. */
export function previewOptionsFor(entryId: string | undefined) {
  return {
    ...basePreviewOptions,
    urlTransform: (url: string, key: string, node: { tagName?: string }) => {
      const safe = safeUrl(url);
      return entryId && key === 'src' && node.tagName === 'img' && isSiteReference(safe)
        ? imageUrl(entryId, safe)
        : safe;
    },
  };
}
