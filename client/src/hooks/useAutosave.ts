import { useCallback, useEffect, useRef, useState } from 'react';
import { removeDraft, writeDraft, type EntryDoc } from '../lib/autosave.ts';

/** What useAutosave needs to know. */
export interface AutosaveOptions {
  /** The signed-in editor, whose drafts these are; null keeps nothing. */
  user: string | null;
  id: string;
  baseOid: string;
  doc: EntryDoc;
  message: string;
  dirty: boolean;
  /** False while an earlier draft is still being offered back, so it is not overwritten. */
  enabled: boolean;
}

/**
 * Keeps unsaved edits in localStorage (shortly after each change and when the page hides) and
 * forgets them once saved. `cancelPending` drops a scheduled write: call it before removing
 * drafts after a save, or a late write could bring the saved draft back.
 */
export function useAutosave({ user, id, baseOid, doc, message, dirty, enabled }: AutosaveOptions) {
  const [failed, setFailed] = useState(false);
  const pending = useRef<{ write: () => void; timer: number } | null>(null);
  const cancelPending = useCallback(() => {
    if (pending.current) window.clearTimeout(pending.current.timer);
    pending.current = null;
  }, []);
  useEffect(() => {
    // Leaving the page (or hiding it, the last chance on mobile) or the editor writes at once. Declared
    // before the effect below so that, on unmount, this cleanup runs before that one cancels the write.
    const flush = () => {
      const current = pending.current;
      if (!current) return;
      window.clearTimeout(current.timer);
      current.write();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      flush();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, []);
  useEffect(() => {
    cancelPending();
    if (!enabled || user === null) return;
    if (!dirty) {
      removeDraft(user, id, baseOid);
      return;
    }
    const write = () => {
      pending.current = null;
      setFailed(
        !writeDraft(user, { id, baseOid, doc, message, savedAt: new Date().toISOString() }),
      );
    };
    pending.current = { write, timer: window.setTimeout(write, 300) };
    return cancelPending;
  }, [user, id, baseOid, doc, message, dirty, enabled, cancelPending]);
  return { failed, cancelPending };
}
