import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  CreateEntryRequestSchema,
  DeleteEntryQuerySchema,
  EntryListQuerySchema,
  HistoryQuerySchema,
  MoveEntryRequestSchema,
  OidSchema,
  PatchEntryRequestSchema,
  RestoreEntryRequestSchema,
  UpdateEntryRequestSchema,
} from '../../shared/api/contract.ts';
import { currentUser } from '../http/session.ts';
import type { EntryLifecycleService } from '../services/EntryLifecycleService.ts';
import type { EntryService } from '../services/EntryService.ts';
import type { EntryWriteService } from '../services/EntryWriteService.ts';
import { parseEntryTarget } from './entryTarget.ts';

/** The services behind /api/entries. */
export interface EntryRouteServices {
  entries: EntryService;
  writes: EntryWriteService;
  lifecycle: EntryLifecycleService;
}

/** /api/entries: list, create, and per entry get, put, patch, delete, move, history, versions, restore. */
export function entryRoutes({ entries, writes, lifecycle }: EntryRouteServices): Router {
  const router = Router();
  router.get('/entries', async (req, res) => {
    res.json(await entries.list(EntryListQuerySchema.parse(req.query)));
  });
  router.post('/entries', async (req, res) => {
    res
      .status(201)
      .json(await writes.create(CreateEntryRequestSchema.parse(req.body), currentUser(res)));
  });
  // Ids contain slashes, so everything below /entries/ is routed by hand (see parseEntryTarget).
  router.use('/entries', async (req, res, next) => {
    // req.path is still percent-encoded: an encoded "/" inside the id stays apart from real separators.
    const target = parseEntryTarget(req.path);
    if (!target) return next();
    const handled = await dispatch(req, res, target);
    if (!handled) next();
  });
  return router;

  async function dispatch(
    req: Request,
    res: Response,
    target: NonNullable<ReturnType<typeof parseEntryTarget>>,
  ): Promise<boolean> {
    const { method } = req;
    switch (target.kind) {
      case 'entry':
        if (method === 'GET') res.json(await entries.get(target.id));
        else if (method === 'PUT')
          res.json(
            await writes.update(
              target.id,
              UpdateEntryRequestSchema.parse(req.body),
              currentUser(res),
            ),
          );
        else if (method === 'PATCH')
          res.json(
            await writes.patch(
              target.id,
              PatchEntryRequestSchema.parse(req.body ?? {}),
              currentUser(res),
            ),
          );
        else if (method === 'DELETE') {
          const { baseOid } = DeleteEntryQuerySchema.parse(req.query);
          res.json(await lifecycle.remove(target.id, baseOid, currentUser(res)));
        } else return false;
        return true;
      case 'history':
        if (method !== 'GET') return false;
        res.json(await entries.history(target.id, HistoryQuerySchema.parse(req.query)));
        return true;
      case 'version':
        if (method !== 'GET') return false;
        res.json(
          await entries.version(
            target.id,
            z.object({ commit: OidSchema }).parse({ commit: target.commit }).commit,
          ),
        );
        return true;
      case 'move':
        if (method !== 'POST') return false;
        res.json(
          await lifecycle.move(target.id, MoveEntryRequestSchema.parse(req.body), currentUser(res)),
        );
        return true;
      case 'restore':
        if (method !== 'POST') return false;
        res.json(
          await lifecycle.restore(
            target.id,
            RestoreEntryRequestSchema.parse(req.body),
            currentUser(res),
          ),
        );
        return true;
    }
  }
}
