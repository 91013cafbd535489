import MDEditor from '@uiw/react-md-editor/common';
import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import {
  type BodyImages,
  altFromName,
  imageMarkdown,
  useBodyImageUploads,
} from '../hooks/useBodyImageUploads.ts';
import { useMediaQuery } from '../hooks/useMediaQuery.ts';
import { previewOptionsFor } from '../lib/previewOptions.ts';
import { MediaPickerDialog } from './MediaPickerDialog.tsx';

/** Props of MarkdownEditor. */
export interface MarkdownEditorProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Edit only, preview only, or both side by side (default: both, edit only on narrow screens). */
  mode?: 'edit' | 'preview' | 'live';
  /** The entry whose body this is: the preview shows its images from the repository. */
  entryId?: string;
  /** Uploads by the Insert image button, drag and drop and paste (absent: read-only body). */
  images?: BodyImages;
  /** More controls for the row above the body (Make page bundle). */
  tools?: ReactNode;
}

/**
 * Tab indents in the body, so it cannot also leave it (WCAG 2.1.2): Escape and then Tab (or
 * Shift+Tab) moves the focus on, as in CodeMirror and GitHub's editor.
 */
function useTabEscape(wrapRef: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    let escaped = false;
    const handleKeyDown = (event: KeyboardEvent) => {
      if (!(event.target instanceof HTMLTextAreaElement)) return;
      if (event.key === 'Escape') escaped = true;
      else if (event.key === 'Tab' && escaped) {
        // Captured before the editor's own listener on the textarea: the browser moves the focus.
        event.stopPropagation();
        escaped = false;
      } else if (event.key !== 'Shift') escaped = false;
    };
    const handleFocusOut = () => {
      escaped = false;
    };
    wrap.addEventListener('keydown', handleKeyDown, true);
    wrap.addEventListener('focusout', handleFocusOut);
    return () => {
      wrap.removeEventListener('keydown', handleKeyDown, true);
      wrap.removeEventListener('focusout', handleFocusOut);
    };
  }, [wrapRef]);
}

/**
 * The Markdown body editor with a sanitized live preview (edit-only by default on narrow screens).
 * The preview's images come from the repository, resolved for the entry as Hugo resolves them;
 * images dropped, pasted or chosen with Insert image are uploaded (each its own commit) and their
 * Markdown inserted at the caret.
 */
export function MarkdownEditor({
  id,
  value,
  onChange,
  mode,
  entryId,
  images,
  tools,
}: MarkdownEditorProps) {
  const narrow = useMediaQuery('(max-width: 760px)');
  const wrapRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  useTabEscape(wrapRef);
  const uploads = useBodyImageUploads(value, onChange, images);
  const [picking, setPicking] = useState(false);
  const previewOptions = useMemo(() => previewOptionsFor(entryId), [entryId]);
  const textarea = () => document.getElementById(id) as HTMLTextAreaElement | null;
  return (
    <>
      {(images || tools) && (
        <div className="md-editor-tools">
          {images && (
            <>
              <button
                type="button"
                className="button button-small"
                onClick={() => fileRef.current?.click()}
              >
                Insert image…
              </button>
              <input
                ref={fileRef}
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp,image/avif,image/svg+xml"
                multiple
                hidden
                aria-label="Image files to upload"
                onChange={(event) => {
                  uploads.insertFiles([...(event.target.files ?? [])], textarea());
                  event.target.value = '';
                }}
              />
              {entryId && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setPicking(true)}
                >
                  From library…
                </button>
              )}
              <span className="muted md-editor-hint">
                or drop or paste images into the body; they go {images.destination}.
              </span>
            </>
          )}
          {tools}
        </div>
      )}
      {uploads.state.pending.length > 0 && (
        <p className="md-editor-upload" role="status">
          Uploading {uploads.state.pending.join(', ')}…
        </p>
      )}
      {uploads.state.error && (
        <p className="banner banner-error" role="alert">
          {uploads.state.error}
        </p>
      )}
      {images && entryId && (
        <MediaPickerDialog
          open={picking}
          entryId={entryId}
          canChange
          onClose={() => setPicking(false)}
          onPick={(reference, item) =>
            uploads.insertText(imageMarkdown(altFromName(item.name), reference), textarea())
          }
        />
      )}
      <div className="md-editor-wrap" ref={wrapRef}>
        <MDEditor
          value={value}
          onChange={(next) => onChange(next ?? '')}
          preview={mode ?? (narrow ? 'edit' : 'live')}
          height="100%"
          visibleDragbar={false}
          previewOptions={previewOptions}
          textareaProps={{
            id,
            'aria-label': 'Body (Markdown)',
            'aria-describedby': `${id}-keys`,
            spellCheck: true,
            onPaste: uploads.handlePaste,
            onDrop: uploads.handleDrop,
          }}
        />
      </div>
      <p id={`${id}-keys`} className="md-editor-keys">
        Tab indents. To leave the body, press <kbd>Esc</kbd> then <kbd>Tab</kbd>.
      </p>
    </>
  );
}
