import { describeError } from '../api/ApiError.ts';
import { isOutsideEdit, isStaleConflict } from '../api/conflict.ts';

/** Props of EditorNotices. */
export interface EditorNoticesProps {
  entryId: string;
  /** Why the entry is read only for this user, or null. */
  readOnly: string | null;
  /** Back from signing in again, with the interrupted edits restored. */
  welcomeBack: boolean;
  /** The last save's error (a conflict or an outside edit has its own view, not a banner). */
  saveError: unknown;
  /** The browser refused to keep the autosave backup. */
  autosaveFailed: boolean;
}

/** The editor's banners: read only, edits back after signing in, a failed save, no backup. */
export function EditorNotices({
  entryId,
  readOnly,
  welcomeBack,
  saveError,
  autosaveFailed,
}: EditorNoticesProps) {
  const failed =
    saveError !== null && !isStaleConflict(saveError) && !isOutsideEdit(saveError, entryId);
  return (
    <>
      {readOnly && (
        <p className="banner banner-info" role="note">
          <strong>Read only.</strong> {readOnly}
        </p>
      )}
      {welcomeBack && (
        <p className="banner banner-info" role="status">
          Signed in again: your unsaved edits are back. Save them when ready.
        </p>
      )}
      {failed && (
        <p className="banner banner-error" role="alert">
          Not saved: {describeError(saveError)} Your edits are still here and kept in this browser;
          try again.
        </p>
      )}
      {autosaveFailed && (
        <p className="banner banner-warn" role="alert">
          This browser refused to keep a backup of your edits (storage full or disabled). Save soon.
        </p>
      )}
    </>
  );
}
