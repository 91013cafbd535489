import { Router } from 'express';
import { z } from 'zod';
import { noteAudit } from '../http/audit.ts';
import { permit } from '../http/permit.ts';
import { currentUser } from '../http/session.ts';
import type { InferredSchemaWriter } from '../services/schema/InferredSchemaWriter.ts';
import type { SchemaService } from '../services/schema/SchemaService.ts';

const WriteInferredRequestSchema = z.object({ message: z.string().trim().max(2000).optional() });

/**
 * GET /api/schema (admins): which file declares the site's schema (folio.yml, or a Decap/Sveltia
 * config), the collections and fields read from it, and every part Folio could not use.
 * GET /api/schema/inferred: the folio.yml Folio would write from what it infers;
 * POST /api/schema/inferred: writes it as one commit (409 when a schema is already declared).
 */
export function schemaRoutes(schema: SchemaService, writer: InferredSchemaWriter): Router {
  const router = Router();
  router.get('/schema', permit('settings.manage'), async (_req, res) => {
    res.json(await schema.current());
  });
  router.get('/schema/inferred', permit('settings.manage'), async (_req, res) => {
    res.json({ path: 'folio.yml', text: await writer.preview() });
  });
  router.post('/schema/inferred', permit('settings.manage'), async (req, res) => {
    const body = WriteInferredRequestSchema.parse(req.body ?? {});
    const result = await writer.write(currentUser(res), body.message);
    noteAudit(res, { target: result.id, commit: result.commit });
    res.status(201).json(result);
  });
  return router;
}
