import { Router } from 'express';
import type { FolioContext } from '../context.ts';

/**
 * GET /api/health: the server is up, which commit it serves (read afresh, so outside commits show)
 * and how far the history index has got.
 */
export function healthRoutes(ctx: FolioContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const head = (await ctx.store.head()).commit;
    res.json({ ok: true, head, historyIndex: ctx.historyIndex.progress(head) });
  });
  return router;
}
