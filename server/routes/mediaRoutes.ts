import express, { Router, type Request, type Response } from 'express';
import {
  ImageRefQuerySchema,
  MediaListQuerySchema,
  UploadQuerySchema,
} from '../../shared/api/media.ts';
import { PayloadTooLargeError, UnsupportedMediaError } from '../errors.ts';
import { noteAudit } from '../http/audit.ts';
import { permit, requirePermission } from '../http/permit.ts';
import { currentUser } from '../http/session.ts';
import type { EntryAccessService } from '../services/EntryAccessService.ts';
import type { EntryService } from '../services/EntryService.ts';
import type { MediaLibrary } from '../services/media/MediaLibrary.ts';
import {
  type MediaService,
  type ServedImage,
  describeLimit,
} from '../services/media/MediaService.ts';

/** The path uploads are posted to (app.ts lets its raw body past the JSON-only guard). */
export const UPLOAD_PATH = '/media/uploads';

/** The services behind the image and media routes. */
export interface MediaRouteServices {
  media: MediaService;
  library: MediaLibrary;
  access: EntryAccessService;
  entries: EntryService;
}

/**
 * GET /api/images (an entry's image reference, resolved as Hugo does), GET /api/media (the
 * library), GET /api/media/file/<path>, GET /api/media/thumbnail/<path>, POST /api/media/uploads.
 */
export function mediaRoutes({ media, library, access, entries }: MediaRouteServices): Router {
  const router = Router();
  const rawBody = express.raw({ type: () => true, limit: media.uploadLimit });

  router.get('/images', permit('content.read'), async (req, res) => {
    const { entry, src } = ImageRefQuerySchema.parse(req.query);
    sendImage(req, res, await media.readReference(entry, src));
  });
  router.get('/media', permit('content.read'), async (req, res) => {
    res.json(await library.list(MediaListQuerySchema.parse(req.query)));
  });
  router.get('/media/file/*path', permit('content.read'), async (req, res) => {
    sendImage(req, res, await media.readPath(pathParam(req)));
  });
  router.get('/media/detail/*path', permit('content.read'), async (req, res) => {
    res.json(await library.detail(pathParam(req)));
  });
  router.get('/media/thumbnail/*path', permit('content.read'), async (req, res) => {
    const thumb = await library.thumbnail(pathParam(req));
    res.set({
      'Content-Type': 'image/webp',
      'Cache-Control': 'private, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      ETag: `"${thumb.oid}-t"`,
    });
    res.send(thumb.bytes);
  });
  router.post(UPLOAD_PATH, permit('entry.edit'), async (req, res) => {
    const { name } = UploadQuerySchema.parse(req.query);
    const entryId = typeof req.query.entry === 'string' && req.query.entry ? req.query.entry : null;
    const user = currentUser(res);
    // Checked before the body is read: a refused upload is never buffered.
    if (entryId !== null) {
      const entry = await entries.get(entryId);
      requirePermission(user, 'entry.edit', { entry: access.factsOf(entry) });
    }
    if (!req.is(['image/*', 'application/octet-stream']))
      throw new UnsupportedMediaError(
        'Send the image itself as the body (Content-Type: image/… or application/octet-stream).',
        { reason: 'content_type' },
      );
    const bytes = await readRaw(req, res);
    const result = await media.upload(entryId, name, bytes, user);
    noteAudit(res, { entry: entryId ?? result.path, commit: result.commit });
    res.status(201).json(result);
  });
  return router;

  function readRaw(req: Request, res: Response): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      rawBody(req, res, (err?: unknown) => {
        if ((err as { type?: string } | undefined)?.type === 'entity.too.large')
          return reject(
            new PayloadTooLargeError(
              `The image is larger than ${describeLimit(media.uploadLimit)}, the upload limit: make it smaller and upload it again.`,
            ),
          );
        if (err) return reject(err);
        resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      });
    });
  }
}

// Express 5 gives a wildcard as its segments; they were percent-decoded one by one.
function pathParam(req: Request): string {
  const value = (req.params as Record<string, string | string[]>).path;
  return Array.isArray(value) ? value.join('/') : String(value ?? '');
}

/**
 * Sends image bytes as their sniffed type, never rendered as a page: nosniff, and a CSP that
 * sandboxes the document and allows no script (an SVG opened on its own stays inert). The blob id
 * is the ETag, so the preview revalidates cheaply.
 */
function sendImage(req: Request, res: Response, image: ServedImage): void {
  res.set({
    'Content-Type': image.type,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    'Cache-Control': 'private, no-cache',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ETag: `"${image.oid}"`,
  });
  if (req.get('if-none-match') === `"${image.oid}"`) {
    res.status(304).end();
    return;
  }
  res.send(image.bytes);
}
