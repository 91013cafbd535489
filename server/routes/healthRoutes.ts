import { Router } from 'express';
import type { FolioContext } from '../context.ts';
import { permit } from '../http/permit.ts';
import { sessionOf } from '../http/session.ts';

/**
 * GET /api/health: the server is up; with a session also which commit it serves (read afresh, so
 * outside commits show) and how far the history index has got. Anonymous callers learn only `ok`.
 */
export function healthRoutes(ctx: FolioContext): Router {
  const router = Router();
  router.get('/health', permit('public'), async (req, res) => {
    if (!sessionOf(req, ctx)) {
      res.json({ ok: true });
      return;
    }
    const head = (await ctx.store.head()).commit;
    res.json({ ok: true, head, historyIndex: ctx.historyIndex.progress(head) });
  });
  return router;
}
