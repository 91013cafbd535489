import type {
  MediaChangeResult,
  MediaDetail,
  RenameMediaRequest,
  MediaList,
  MediaListQuery,
  UploadResult,
} from '../../../shared/api/media.ts';
import type { WriteResult } from '../../../shared/api/contract.ts';
import { apiRequest, apiUrl } from './http.ts';
import { entryPath } from './endpoints.ts';

/** The URL the preview shows an entry's image reference `src` from (resolved on the server as Hugo does). */
export function imageUrl(entry: string, src: string): string {
  const url = apiUrl('/images', { entry, src });
  return `${url.pathname}${url.search}`;
}

/** The URL of the library image at repository path `path`. */
export function mediaFileUrl(path: string, oid?: string): string {
  return `/api/media/file/${path.split('/').map(encodeURIComponent).join('/')}${oid ? `?v=${oid}` : ''}`;
}

/** The URL of the thumbnail of the library image at `path` (`oid` makes it cacheable for good). */
export function thumbnailUrl(path: string, oid: string): string {
  return `/api/media/thumbnail/${path.split('/').map(encodeURIComponent).join('/')}?v=${oid}`;
}

/** Uploads an image (its own commit): into the entry's bundle, or the site's media folder. */
export const uploadImage = (file: Blob, name: string, entry?: string | null) =>
  apiRequest<UploadResult>('/media/uploads', {
    method: 'POST',
    query: { name, entry: entry ?? undefined },
    rawBody: file,
  });

/** A page of the media library. */
export const listMedia = (query: Partial<MediaListQuery>) =>
  apiRequest<MediaList>('/media', { query: { ...query } });

/** Size, dimensions and uses of one library image. */
export const getMediaDetail = (path: string) =>
  apiRequest<MediaDetail>(`/media/detail/${path.split('/').map(encodeURIComponent).join('/')}`);

/** Turns a single-file post into a page bundle (`x.md` -> `x/index.md`), one commit. */
export const convertToBundle = (id: string, baseOid: string) =>
  apiRequest<WriteResult>(entryPath(id, '/bundle'), { method: 'POST', body: { baseOid } });

/** Renames a library image and rewrites the references of the entries using it (one commit). */
export const renameMedia = (body: RenameMediaRequest) =>
  apiRequest<MediaChangeResult>('/media/rename', { method: 'POST', body });

/** Deletes a library image (one commit); 409 `in_use` unless `force`. */
export const deleteMedia = (path: string, baseOid: string, force: boolean) =>
  apiRequest<MediaChangeResult>(
    `/media/file/${path.split('/').map(encodeURIComponent).join('/')}`,
    {
      method: 'DELETE',
      query: { baseOid, force: force ? 'true' : undefined },
    },
  );
