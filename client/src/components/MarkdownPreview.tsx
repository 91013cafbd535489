import MDEditor from '@uiw/react-md-editor/common';
import { useMemo } from 'react';
import { previewOptionsFor } from '../lib/previewOptions.ts';

/** A Markdown body rendered read-only, sanitized as the editor's preview is; images from the repository for `entryId`. */
export function MarkdownPreview({ source, entryId }: { source: string; entryId?: string }) {
  const options = useMemo(() => previewOptionsFor(entryId), [entryId]);
  return (
    <div className="markdown-preview">
      <MDEditor.Markdown source={source} {...options} />
    </div>
  );
}
