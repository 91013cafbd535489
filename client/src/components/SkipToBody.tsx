import { useState } from 'react';
import { createPortal } from 'react-dom';

/** Id of the spot in AppShell, before its other skip link, where a page puts its own first. */
export const PAGE_SKIP_LINKS_ID = 'page-skip-links';

/** Props of SkipToBody. */
export interface SkipToBodyProps {
  /** The id of the body's textarea (MarkdownEditor's `id`). */
  bodyId: string;
  /** Shows the body first when it is hidden (the phone's tabs). */
  onReveal: () => void;
}

/** "Skip to body": the editor page's first focusable thing, putting the focus in the Markdown editor. */
export function SkipToBody({ bodyId, onReveal }: SkipToBodyProps) {
  // The shell is on screen before an entry has loaded into the editor.
  const [target] = useState(() => document.getElementById(PAGE_SKIP_LINKS_ID));
  const link = (
    <a
      className="skip-link"
      href={`#${bodyId}`}
      onClick={(event) => {
        event.preventDefault();
        onReveal();
        // After the tab switch has rendered the body.
        requestAnimationFrame(() => document.getElementById(bodyId)?.focus());
      }}
    >
      Skip to body
    </a>
  );
  return target ? createPortal(link, target) : link;
}
