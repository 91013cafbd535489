import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useRef, useState } from 'react';
import type { MediaItem } from '../../../shared/api/media.ts';
import { describeError } from '../api/ApiError.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { listMedia, thumbnailUrl, uploadImage } from '../api/media.ts';
import { DebouncedInput } from './DebouncedInput.tsx';
import { MediaDetails, type RenameOutcome } from './MediaDetails.tsx';

/** Props of MediaLibrary. */
export interface MediaLibraryProps {
  /** The open entry: references are made for it, and uploads go into its bundle or the media folder. */
  entryId?: string;
  /** Picking for a post or a field: the chosen image's reference and item. Absent: manage only. */
  onPick?: (reference: string, item: MediaItem) => void;
  /** May upload, rename and delete. */
  canChange: boolean;
}

const PAGE = 60;

/**
 * Every image of the site as thumbnails: search by name, folder filter, more on demand, upload,
 * and one image's details (size, dimensions, where it is used, rename, delete, insert).
 */
export function MediaLibrary({ entryId, onPick, canChange }: MediaLibraryProps) {
  const id = useId();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [folder, setFolder] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState<MediaItem | null>(null);
  const [renamed, setRenamed] = useState<RenameOutcome | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const list = useQuery({
    queryKey: ['media', { q, folder, limit, entryId }],
    queryFn: () => listMedia({ q, folder, limit, entry: entryId }),
    placeholderData: keepPreviousData,
  });
  const handleSearch = useCallback((value: string) => {
    setQ(value);
    setLimit(PAGE);
  }, []);
  const refresh = () => {
    invalidateAfterCommit(queryClient);
    void queryClient.invalidateQueries({ queryKey: ['media'] });
  };

  const handleFiles = async (files: File[]) => {
    setUploadError(null);
    setUploading(true);
    try {
      for (const file of files) {
        const result = await uploadImage(file, file.name || 'image', entryId);
        refresh();
        setQ('');
        setFolder('');
        const name = result.path.split('/').pop()!;
        setSelected({
          path: result.path,
          folder: result.path.slice(0, -name.length - 1),
          name,
          oid: result.oid,
          // A bundle's images sit beside its index.md; the rest go to the (site's) static folder.
          area: entryId && !/(^|\/)static\//.test(result.path) ? 'bundle' : 'static',
          url: result.reference.startsWith('/') ? result.reference : null,
          reference: result.reference,
        });
      }
    } catch (err) {
      setUploadError(describeError(err));
    } finally {
      setUploading(false);
    }
  };

  const items = list.data?.items ?? [];
  return (
    <div className="media-library">
      <div className="media-filters" role="search">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          Search images by name
        </label>
        <DebouncedInput
          id={`${id}-q`}
          type="search"
          placeholder="Search images by name"
          value={q}
          onCommit={handleSearch}
        />
        <label htmlFor={`${id}-folder`} className="visually-hidden">
          Folder
        </label>
        <select
          id={`${id}-folder`}
          value={folder}
          onChange={(event) => {
            setFolder(event.target.value);
            setLimit(PAGE);
          }}
        >
          <option value="">All folders</option>
          {(list.data?.folders ?? []).map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        {canChange && (
          <>
            <button
              type="button"
              className="button"
              disabled={uploading}
              onClick={() => fileRef.current?.click()}
            >
              {uploading ? 'Uploading…' : 'Upload images…'}
            </button>
            <input
              ref={fileRef}
              type="file"
              hidden
              multiple
              accept="image/png,image/jpeg,image/gif,image/webp,image/avif,image/svg+xml"
              aria-label="Images to upload to the library"
              onChange={(event) => {
                void handleFiles([...(event.target.files ?? [])]);
                event.target.value = '';
              }}
            />
          </>
        )}
        <span className="muted" role="status">
          {list.data ? `${list.data.total} image${list.data.total === 1 ? '' : 's'}` : 'Loading…'}
        </span>
      </div>
      {uploadError && (
        <p className="banner banner-error" role="alert">
          Not uploaded: {uploadError}
        </p>
      )}
      {list.isError && (
        <p className="banner banner-error" role="alert">
          {describeError(list.error)}
        </p>
      )}
      <div className="media-body">
        <ul className="media-grid" aria-label="Images">
          {items.map((item) => (
            <li key={item.path}>
              <button
                type="button"
                className={`media-tile${selected?.path === item.path ? ' media-tile-selected' : ''}`}
                aria-pressed={selected?.path === item.path}
                title={item.path}
                onClick={() => setSelected(item)}
                onDoubleClick={() => onPick?.(item.reference, item)}
              >
                <img src={thumbnailUrl(item.path, item.oid)} alt="" loading="lazy" />
                <span className="media-name">{item.name}</span>
              </button>
            </li>
          ))}
        </ul>
        {selected && (
          <MediaDetails
            key={`${selected.path}@${selected.oid}`}
            item={selected}
            canChange={canChange}
            onPick={onPick}
            renamed={renamed ?? undefined}
            onChanged={(next, outcome) => {
              refresh();
              setRenamed(outcome ?? null);
              setSelected(next);
            }}
          />
        )}
      </div>
      {list.data?.nextCursor && (
        <button type="button" className="button" onClick={() => setLimit((n) => n + PAGE)}>
          Show more images
        </button>
      )}
    </div>
  );
}
