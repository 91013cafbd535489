import MDEditor, { type MDEditorProps } from '@uiw/react-md-editor/common';
import rehypeSanitize from 'rehype-sanitize';
import { useMediaQuery } from '../hooks/useMediaQuery.ts';
import { safeUrl } from '../lib/safeUrl.ts';

/** Props of MarkdownEditor. */
export interface MarkdownEditorProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
}

// The preview renders raw HTML (rehype-raw) and, left alone, keeps every URL: sanitize the tree
// (no script, iframe, on* attributes; only safe protocols) and drop unsafe URLs again at render.
const previewOptions = {
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

/** The Markdown body editor with a sanitized live preview (edit-only by default on narrow screens). */
export function MarkdownEditor({ id, value, onChange }: MarkdownEditorProps) {
  const narrow = useMediaQuery('(max-width: 760px)');
  return (
    <div className="md-editor-wrap">
      <MDEditor
        value={value}
        onChange={(next) => onChange(next ?? '')}
        preview={narrow ? 'edit' : 'live'}
        height="100%"
        visibleDragbar={false}
        previewOptions={previewOptions}
        textareaProps={{ id, 'aria-label': 'Body (Markdown)', spellCheck: true }}
      />
    </div>
  );
}
