import { z } from 'zod';

/** Image types Folio serves and accepts, by their MIME type. */
export const IMAGE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/svg+xml',
] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** Query of `GET /api/images`: an image reference as written in an entry, resolved the way Hugo does. */
export const ImageRefQuerySchema = z.object({
  entry: z.string().min(1).max(4096),
  src: z.string().min(1).max(4096),
});
export type ImageRefQuery = z.infer<typeof ImageRefQuerySchema>;

/** Query of an upload: the file's original name (the server makes the stored name from it). */
export const UploadQuerySchema = z.object({
  name: z.string().min(1).max(255),
});
export type UploadQuery = z.infer<typeof UploadQuerySchema>;

/** What an upload made: the stored file, the reference to insert into the post, and its commit. */
export const UploadResultSchema = z.object({
  /** Repository path of the stored image (`content/blog/trip/cover.jpg`). */
  path: z.string(),
  /** What to write in the post: bundle-relative (`cover.jpg`) or the site path Hugo serves (`/images/uploads/2026/x.jpg`). */
  reference: z.string(),
  oid: z.string(),
  type: z.enum(IMAGE_TYPES),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  commit: z.string(),
  sync: z.enum(['pushed', 'pending', 'off']),
});
export type UploadResult = z.infer<typeof UploadResultSchema>;

/** One image of the site in the media library. */
export const MediaItemSchema = z.object({
  path: z.string(),
  /** The folder it sits in (`static/images`, `content/blog/trip`). */
  folder: z.string(),
  name: z.string(),
  oid: z.string(),
  /** Where it lives for Hugo: `static`, `assets` or a page bundle (`bundle`). */
  area: z.enum(['static', 'assets', 'bundle']),
  /** The site path Hugo serves it at (null for assets/, which only templates reach). */
  url: z.string().nullable(),
  /**
   * What to write in the entry named by the list's `entry` (or in any entry, without one): the
   * bare name beside a bundle's index, else the site path, else (assets/) the path `resources.Get` takes.
   */
  reference: z.string(),
});
export type MediaItem = z.infer<typeof MediaItemSchema>;

/** Query of `GET /api/media`. */
export const MediaListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  folder: z.string().max(4096).optional(),
  cursor: z.string().max(4096).optional(),
  /** The open entry, for each item's `reference`. */
  entry: z.string().max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(60),
});
export type MediaListQuery = z.infer<typeof MediaListQuerySchema>;

/** A page of the media library. */
export const MediaListSchema = z.object({
  items: z.array(MediaItemSchema),
  total: z.number().int(),
  folders: z.array(z.string()),
  nextCursor: z.string().nullable(),
});
export type MediaList = z.infer<typeof MediaListSchema>;

/** Size, dimensions and uses of one image. */
export const MediaDetailSchema = MediaItemSchema.extend({
  type: z.enum(IMAGE_TYPES).nullable(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Entries whose body or front matter reference this image. */
  usedBy: z.array(z.string()),
});
export type MediaDetail = z.infer<typeof MediaDetailSchema>;

/** `POST /api/media/rename` body: the image, its new name (made a slug, extension kept), the version seen. */
export const RenameMediaRequestSchema = z.object({
  path: z.string().min(1).max(4096),
  name: z.string().min(1).max(255),
  baseOid: z.string().regex(/^[0-9a-f]{40}$/),
  /**
   * The entries the editor was told use the image (`usedBy` of the detail): when given, a rename
   * whose users differ at the head is 409 `stale` instead of rewriting entries they did not see.
   */
  usedBy: z.array(z.string().max(4096)).max(100_000).optional(),
  /** Ignored: a rename rewrites the references of the entries using the image (kept for old clients). */
  force: z.boolean().default(false),
});
export type RenameMediaRequest = z.infer<typeof RenameMediaRequestSchema>;

/** `DELETE /api/media/file/<path>` query: the version seen, and whether to delete an image in use. */
export const DeleteMediaQuerySchema = z.object({
  baseOid: z.string().regex(/^[0-9a-f]{40}$/),
  force: z.enum(['true', 'false']).default('false'),
});
export type DeleteMediaQuery = z.infer<typeof DeleteMediaQuerySchema>;

/** What a rename or delete of a library image made: the new path (null when deleted), the entries rewritten and the commit. */
export const MediaChangeResultSchema = z.object({
  path: z.string().nullable(),
  /** The entries whose references to the image the rename rewrote (always empty for a delete). */
  updated: z.array(z.string()),
  commit: z.string(),
  sync: z.enum(['pushed', 'pending', 'off']),
});
export type MediaChangeResult = z.infer<typeof MediaChangeResultSchema>;
