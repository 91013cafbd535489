import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { imageUrl, uploadImage } from '../api/media.ts';
import { useEntryMedia } from '../hooks/useEntryMedia.ts';
import { isSiteReference } from '../lib/safeUrl.ts';
import { MediaPickerDialog } from './MediaPickerDialog.tsx';

/** Props of ImagePathsInput. */
export interface ImagePathsInputProps {
  id: string;
  label: string;
  value: string | string[];
  onChange: (value: string | string[]) => void;
}

/** A small preview of an image path as the site resolves it for the open entry (hidden when it names nothing). */
function Thumbnail({ path }: { path: string }) {
  const media = useEntryMedia();
  const [failed, setFailed] = useState<string | null>(null);
  if (!media || !path.trim() || !isSiteReference(path.trim()) || failed === path) return null;
  return (
    <img
      className="image-path-thumb"
      src={imageUrl(media.entryId, path.trim())}
      alt=""
      onError={() => setFailed(path)}
    />
  );
}

/** "Choose…": the media library to pick or upload an image whose reference goes into the box. */
function ChooseButton({ label, onPick }: { label: string; onPick: (reference: string) => void }) {
  const media = useEntryMedia();
  const [open, setOpen] = useState(false);
  if (!media) return null;
  return (
    <>
      <button
        type="button"
        className="button button-small"
        aria-label={`Choose ${label} from the media library`}
        onClick={() => setOpen(true)}
      >
        Choose…
      </button>
      <MediaPickerDialog
        open={open}
        entryId={media.entryId}
        canChange={media.canChange}
        onClose={() => setOpen(false)}
        onPick={(reference) => onPick(reference)}
      />
    </>
  );
}

/**
 * Drop or paste an image file on a path box: it is uploaded (its own commit) and its reference
 * replaces the box's text. Text drops and pastes stay ordinary.
 */
function useFileDrop(onReference: (reference: string) => void) {
  const media = useEntryMedia();
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const take = (files: FileList | null, event: { preventDefault: () => void }) => {
    const file = files?.[0];
    if (!media?.canChange || !file) return;
    event.preventDefault();
    setState({ busy: true, error: null });
    uploadImage(file, file.name || 'image', media.entryId)
      .then((result) => {
        invalidateAfterCommit(queryClient);
        onReference(result.reference);
        setState({ busy: false, error: null });
      })
      .catch((err: unknown) =>
        setState({ busy: false, error: `${file.name} was not uploaded: ${describeError(err)}` }),
      );
  };
  return {
    state,
    props: {
      onDrop: (event: React.DragEvent<HTMLInputElement>) => take(event.dataTransfer.files, event),
      onPaste: (event: React.ClipboardEvent<HTMLInputElement>) =>
        take(event.clipboardData.files, event),
    },
  };
}

function DropStatus({ state }: { state: { busy: boolean; error: string | null } }) {
  if (state.busy) return <span role="status">Uploading…</span>;
  if (state.error)
    return (
      <span className="field-error" role="alert">
        {state.error}
      </span>
    );
  return null;
}

/**
 * Image paths (one, or a list as Hugo's `images`), each a text box with a thumbnail of what it
 * names, Choose… to pick or upload one from the media library, and drop or paste of an image
 * file to upload it; paths are what the site's theme reads (bundle-relative names, site paths
 * such as /images/a.jpg).
 */
export function ImagePathsInput({ id, label, value, onChange }: ImagePathsInputProps) {
  const list = typeof value === 'string' ? null : value;
  // Which box of a list took the drop (read when its upload answers, after re-renders).
  const dropIndex = useRef(0);
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const drop = useFileDrop((reference) => {
    const now = latest.current;
    onChange(
      typeof now === 'string'
        ? reference
        : now.map((p, i) => (i === dropIndex.current ? reference : p)),
    );
  });
  if (list === null) {
    return (
      <div className="image-path">
        <Thumbnail path={value as string} />
        <input
          {...drop.props}
          id={id}
          value={value as string}
          spellCheck={false}
          placeholder="/images/cover.jpg"
          onChange={(event) => onChange(event.target.value)}
        />
        <ChooseButton label={label} onPick={(reference) => onChange(reference)} />
        <DropStatus state={drop.state} />
      </div>
    );
  }
  return (
    <div className="image-paths" role="group" aria-labelledby={`${id}-label`}>
      {list.map((path, index) => (
        <div key={index} className="image-path">
          <Thumbnail path={path} />
          <input
            onDrop={(event) => {
              dropIndex.current = index;
              drop.props.onDrop(event);
            }}
            onPaste={(event) => {
              dropIndex.current = index;
              drop.props.onPaste(event);
            }}
            id={index === 0 ? id : undefined}
            aria-label={`${label} ${index + 1}`}
            value={path}
            spellCheck={false}
            placeholder="/images/cover.jpg"
            onChange={(event) =>
              onChange(list.map((p, i) => (i === index ? event.target.value : p)))
            }
          />
          <ChooseButton
            label={`${label} ${index + 1}`}
            onPick={(reference) => onChange(list.map((p, i) => (i === index ? reference : p)))}
          />
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label={`Remove ${label} ${index + 1}`}
            onClick={() => onChange(list.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => onChange([...list, ''])}>
        Add image path
      </button>
      <DropStatus state={drop.state} />
    </div>
  );
}
