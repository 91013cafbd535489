import express, { Router, type Request, type Response } from 'express';
import type { User } from '../../shared/api/contract.ts';
import {
  DeleteMediaQuerySchema,
  ImageRefQuerySchema,
  MediaListQuerySchema,
  RenameMediaRequestSchema,
  UploadQuerySchema,
} from '../../shared/api/media.ts';
import { decide, scopeOf } from '../../shared/policy/can.ts';
import { ForbiddenError, PayloadTooLargeError, UnsupportedMediaError } from '../errors.ts';
import { noteAudit } from '../http/audit.ts';
import { PermissionDeniedError, permit, requirePermission } from '../http/permit.ts';
import { currentUser } from '../http/session.ts';
import type { EntryAccessService } from '../services/EntryAccessService.ts';
import type { EntryService } from '../services/EntryService.ts';
import type { MediaChanges } from '../services/media/MediaChanges.ts';
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
  mediaChanges: MediaChanges;
  access: EntryAccessService;
  entries: EntryService;
}

/**
 * GET /api/images (an entry's image reference, resolved as Hugo does), GET /api/media (the
 * library), GET /api/media/file/<path>, /detail/<path>, /thumbnail/<path>, POST /api/media/uploads,
 * POST /api/media/rename and DELETE /api/media/file/<path>.
 */
export function mediaRoutes({
  media,
  library,
  mediaChanges,
  access,
  entries,
}: MediaRouteServices): Router {
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
  router.post('/media/rename', permit('entry.edit'), async (req, res) => {
    const body = RenameMediaRequestSchema.parse(req.body);
    const user = currentUser(res);
    await requireMediaChange(user, body.path, 'entry.edit');
    // The rename rewrites each entry using the image: the editor must be allowed to edit each one.
    const checked = new Map<string, string>();
    for (const use of await mediaChanges.usersOf(body.path)) {
      const entry = await entries.get(use.id);
      const decision = decide(user, 'entry.edit', { entry: access.factsOf(entry) });
      if (!decision.allowed)
        throw new ForbiddenError(
          `Renaming this image rewrites its reference in "${use.id}", which you may not edit: ${decision.message}`,
          { permission: decision.permission, reason: decision.reason, entry: use.id },
        );
      checked.set(use.id, entry.oid);
    }
    const pins = { checked, shown: body.usedBy };
    const result = await mediaChanges.rename(body.path, body.name, body.baseOid, pins, user);
    noteAudit(res, { entry: body.path, commit: result.commit });
    res.json(result);
  });
  router.delete('/media/file/*path', permit('entry.delete'), async (req, res) => {
    const { baseOid, force } = DeleteMediaQuerySchema.parse(req.query);
    const path = pathParam(req);
    const user = currentUser(res);
    await requireMediaChange(user, path, 'entry.delete');
    const result = await mediaChanges.remove(path, baseOid, force === 'true', user);
    noteAudit(res, { entry: path, commit: result.commit });
    res.json(result);
  });
  return router;

  // An image in a page bundle is part of its entry (the entry's own policy); the site's shared
  // images (static/, assets/) need the permission for every entry.
  async function requireMediaChange(
    user: User,
    path: string,
    permission: 'entry.edit' | 'entry.delete',
  ): Promise<void> {
    const owner = await media.bundleEntryOf(path);
    if (owner) {
      const entry = await entries.get(owner.id);
      requirePermission(user, 'entry.edit', { entry: access.factsOf(entry) });
      return;
    }
    if (scopeOf(user, permission) !== 'all')
      throw new PermissionDeniedError(
        `Changing the site's shared images needs the editor role: ask an editor (missing permission: ${permission}).`,
        permission,
        'role',
      );
  }

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
