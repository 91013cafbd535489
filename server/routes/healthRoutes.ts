import { Router } from 'express';
import type { FolioContext } from '../context.ts';
import { readHead } from '../git/readHead.ts';

/** GET /api/health: the server is up and which commit it serves. */
export function healthRoutes(ctx: FolioContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    res.json({ ok: true, head: await readHead(ctx.location) });
  });
  return router;
}
