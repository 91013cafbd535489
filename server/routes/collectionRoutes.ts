import { Router } from 'express';
import { NewEntryPreviewQuerySchema } from '../../shared/api/newEntry.ts';
import { scopeOf } from '../../shared/policy/can.ts';
import { permit, requirePermission } from '../http/permit.ts';
import { currentUser } from '../http/session.ts';
import type { CollectionService } from '../services/CollectionService.ts';
import type { EntryWriteService } from '../services/EntryWriteService.ts';

/**
 * GET /api/collections: the site's collections and their inferred fields, as `{items}`;
 * GET /api/collections/{name}/new: the path and content a new entry would get (the new post dialog).
 */
export function collectionRoutes(
  collections: CollectionService,
  writes: EntryWriteService,
): Router {
  const router = Router();
  router.get('/collections', permit('content.read'), async (_req, res) => {
    res.json({ items: await collections.list() });
  });
  router.get('/collections/:name/new', permit('entry.create'), async (req, res) => {
    const query = NewEntryPreviewQuerySchema.parse(req.query);
    const collection = String(req.params.name);
    const user = currentUser(res);
    requirePermission(user, 'entry.create', { collection });
    const plan = await writes.preview({
      collection,
      ...(query.title !== undefined ? { title: query.title } : {}),
      ...(query.slug ? { slug: query.slug } : {}),
      ...(query.lang ? { lang: query.lang } : {}),
      ...(query.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: query.utcOffsetMinutes } : {}),
      forceDraft: !scopeOf(user, 'entry.publish'),
    });
    res.json(plan);
  });
  return router;
}
