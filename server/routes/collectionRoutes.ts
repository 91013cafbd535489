import { Router } from 'express';
import { permit } from '../http/permit.ts';
import type { CollectionService } from '../services/CollectionService.ts';

/** GET /api/collections: the site's collections and their inferred fields, as `{items}`. */
export function collectionRoutes(collections: CollectionService): Router {
  const router = Router();
  router.get('/collections', permit('content.read'), async (_req, res) => {
    res.json({ items: await collections.list() });
  });
  return router;
}
