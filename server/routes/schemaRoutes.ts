import { Router } from 'express';
import { permit } from '../http/permit.ts';
import type { SchemaService } from '../services/schema/SchemaService.ts';

/**
 * GET /api/schema (admins): which file declares the site's schema (folio.yml, or a Decap/Sveltia
 * config), the collections and fields read from it, and every part Folio could not use.
 */
export function schemaRoutes(schema: SchemaService): Router {
  const router = Router();
  router.get('/schema', permit('settings.manage'), async (_req, res) => {
    res.json(await schema.current());
  });
  return router;
}
