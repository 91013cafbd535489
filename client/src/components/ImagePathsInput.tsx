import { useState } from 'react';
import { imageUrl } from '../api/media.ts';
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
 * Image paths (one, or a list as Hugo's `images`), each a text box with a thumbnail of what it
 * names and Choose… to pick or upload one from the media library; paths are what the site's
 * theme reads (bundle-relative names, site paths such as /images/a.jpg).
 */
export function ImagePathsInput({ id, label, value, onChange }: ImagePathsInputProps) {
  if (typeof value === 'string') {
    return (
      <div className="image-path">
        <Thumbnail path={value} />
        <input
          id={id}
          value={value}
          spellCheck={false}
          placeholder="/images/cover.jpg"
          onChange={(event) => onChange(event.target.value)}
        />
        <ChooseButton label={label} onPick={(reference) => onChange(reference)} />
      </div>
    );
  }
  return (
    <div className="image-paths" role="group" aria-labelledby={`${id}-label`}>
      {value.map((path, index) => (
        <div key={index} className="image-path">
          <Thumbnail path={path} />
          <input
            id={index === 0 ? id : undefined}
            aria-label={`${label} ${index + 1}`}
            value={path}
            spellCheck={false}
            placeholder="/images/cover.jpg"
            onChange={(event) =>
              onChange(value.map((p, i) => (i === index ? event.target.value : p)))
            }
          />
          <ChooseButton
            label={`${label} ${index + 1}`}
            onPick={(reference) => onChange(value.map((p, i) => (i === index ? reference : p)))}
          />
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label={`Remove ${label} ${index + 1}`}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange([...value, ''])}
      >
        Add image path
      </button>
    </div>
  );
}
