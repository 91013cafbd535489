import { Router } from 'express';
import type { FolioContext } from '../context.ts';

/** GET /api/health: the server is up and which commit it serves (read afresh, so outside commits show). */
export function healthRoutes(ctx: FolioContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    res.json({ ok: true, head: (await ctx.store.head()).commit });
  });
  return router;
}
