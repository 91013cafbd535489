import { Router } from 'express';
import { z } from 'zod';
import { CommitListQuerySchema, OidSchema } from '../../shared/api/contract.ts';
import { permit } from '../http/permit.ts';
import type { CommitService } from '../services/CommitService.ts';

/** GET /api/commits (site history) and GET /api/commits/{oid} (one commit with its changes). */
export function commitRoutes(commits: CommitService): Router {
  const router = Router();
  router.get('/commits', permit('content.read'), async (req, res) => {
    res.json(await commits.list(CommitListQuerySchema.parse(req.query)));
  });
  router.get('/commits/:oid', permit('content.read'), async (req, res) => {
    const { oid } = z.object({ oid: OidSchema }).parse(req.params);
    res.json(await commits.get(oid));
  });
  return router;
}
