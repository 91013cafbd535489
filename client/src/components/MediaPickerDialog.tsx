import { useId } from 'react';
import type { MediaItem } from '../../../shared/api/media.ts';
import { MediaLibrary } from './MediaLibrary.tsx';
import { useModalDialog } from '../hooks/useModalDialog.ts';

/**
 * The media library in a modal dialog, to pick (or upload, then pick) an image for the open
 * post's body or one of its image fields.
 */
export function MediaPickerDialog({
  open,
  entryId,
  canChange,
  onPick,
  onClose,
}: {
  open: boolean;
  entryId: string;
  canChange: boolean;
  onPick: (reference: string, item: MediaItem) => void;
  onClose: () => void;
}) {
  const ref = useModalDialog(open);
  const id = useId();
  return (
    <dialog
      ref={ref}
      className="dialog media-dialog"
      aria-labelledby={`${id}-t`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="media-dialog-head">
        <h2 id={`${id}-t`}>Choose an image</h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {open && (
        <MediaLibrary
          entryId={entryId}
          canChange={canChange}
          onPick={(reference, item) => {
            onPick(reference, item);
            onClose();
          }}
        />
      )}
    </dialog>
  );
}
