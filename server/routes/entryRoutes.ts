import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import {
  BundleEntryRequestSchema,
  CreateEntryRequestSchema,
  CreateTranslationRequestSchema,
  DeleteEntryQuerySchema,
  parseEntryListQuery,
  HistoryQuerySchema,
  MoveEntryRequestSchema,
  OidSchema,
  PatchEntryRequestSchema,
  RestoreEntryRequestSchema,
  UpdateEntryRequestSchema,
  type Entry,
  type FrontMatter,
  type User,
  type WriteResult,
} from '../../shared/api/contract.ts';
import {
  ResolveOutsideEditRequestSchema,
  type ResolveOutsideEditResult,
} from '../../shared/api/outsideEdit.ts';
import { parseDocumentData } from '../../shared/frontmatter/index.ts';
import { scopeOf } from '../../shared/policy/can.ts';
import type { Permission } from '../../shared/policy/permissions.ts';
import { DeclaredFileError } from '../errors.ts';
import { noteAudit } from '../http/audit.ts';
import { permit, requirePermission } from '../http/permit.ts';
import { currentUser } from '../http/session.ts';
import type { EntryAccessService } from '../services/EntryAccessService.ts';
import { isDraftValue } from '../services/EntryAccessService.ts';
import type { EntryLifecycleService } from '../services/EntryLifecycleService.ts';
import type { CollectionService } from '../services/CollectionService.ts';
import type { EntryService } from '../services/EntryService.ts';
import type { EntryWriteService } from '../services/EntryWriteService.ts';
import type { TranslationService } from '../services/TranslationService.ts';
import type { OutsideEditService } from '../services/OutsideEditService.ts';
import { parseEntryTarget, type EntryTarget } from './entryTarget.ts';

/** The services behind /api/entries. */
export interface EntryRouteServices {
  entries: EntryService;
  writes: EntryWriteService;
  lifecycle: EntryLifecycleService;
  access: EntryAccessService;
  translations: TranslationService;
  outsideEdits: OutsideEditService;
  collections: CollectionService;
}

/** The permission each method of each resource under /api/entries/{id} needs (the route-policy test reads it). */
export const ENTRY_ROUTE_POLICIES: Record<
  EntryTarget['kind'],
  Partial<Record<string, Permission>>
> = {
  entry: { GET: 'content.read', PUT: 'entry.edit', PATCH: 'entry.edit', DELETE: 'entry.delete' },
  history: { GET: 'content.read' },
  version: { GET: 'content.read' },
  move: { POST: 'entry.move' },
  restore: { POST: 'entry.restore' },
  bundle: { POST: 'entry.move' },
  outsideEdit: { GET: 'content.read', POST: 'entry.edit' },
};

/** Marks the middleware that routes /api/entries/{id}… with its table of policies. */
export const ENTRY_POLICY_TABLE = Symbol('folio.entryPolicyTable');

// Changing `draft` either way is publishing (or unpublishing), which an author may not do.
function requireDraftChange(
  user: User,
  entry: Entry,
  after: FrontMatter,
  access: EntryAccessService,
) {
  if (isDraftValue(entry.frontMatter.draft) !== isDraftValue(after.draft))
    requirePermission(user, 'entry.publish', { entry: access.factsOf(entry) });
}

// A declared file of a `files` collection is neither deleted nor moved (Decap allows neither).
function requireMovable(entry: Entry): void {
  if (entry.declaredFile) throw new DeclaredFileError(entry.id, entry.declaredFile.collection);
}

// The front matter of a text, or null when it cannot be parsed (then only the entry's own rights count).
function frontMatterOf(text: string): FrontMatter | null {
  try {
    return parseDocumentData(text).data as FrontMatter;
  } catch {
    return null;
  }
}

/** /api/entries: list, create, and per entry get, put, patch, delete, move, bundle, history, versions, restore; each checked against the policy. */
export function entryRoutes({
  entries,
  writes,
  lifecycle,
  access,
  translations,
  outsideEdits,
  collections,
}: EntryRouteServices): Router {
  const router = Router();
  const written = (res: Response, result: WriteResult): WriteResult => {
    noteAudit(res, { entry: result.id, commit: result.commit });
    return result;
  };
  // The commit is made; a failure to note its creator must not turn it into an error answer.
  const remember = (work: Promise<void>) =>
    work.catch((err: unknown) => {
      console.error("Could not update Folio's record of entry creators:", err);
    });

  router.get('/entries', permit('content.read'), async (req, res) => {
    const query = parseEntryListQuery(req.query);
    // The schema's default sort, columns and select fields for the collections in view.
    const list = await entries.list(
      query,
      await collections.listSettings(query.collection, query.view),
    );
    res.json(access.listWithPermissions(currentUser(res), list));
  });
  router.post('/entries', permit('entry.create'), async (req, res) => {
    const user = currentUser(res);
    if (req.body && typeof req.body === 'object' && 'translationOf' in req.body) {
      const body = CreateTranslationRequestSchema.parse(req.body);
      const original = await entries.get(body.translationOf);
      requirePermission(user, 'entry.create', { collection: original.collection });
      const result = written(res, await translations.create(body, user));
      if (result.changed) await remember(access.creators.created(result.id, user.username));
      res.status(201).json(result);
      return;
    }
    const body = CreateEntryRequestSchema.parse(req.body);
    requirePermission(user, 'entry.create', { collection: body.collection });
    // Whoever may not publish creates drafts.
    const request = { ...body, forceDraft: !scopeOf(user, 'entry.publish') };
    const result = written(res, await writes.create(request, user));
    if (result.changed) await remember(access.creators.created(result.id, user.username));
    res.status(201).json(result);
  });
  // Ids contain slashes, so everything below /entries/ is routed by hand (see parseEntryTarget).
  const byId: RequestHandler = async (req, res, next) => {
    // req.path is still percent-encoded: an encoded "/" inside the id stays apart from real separators.
    const target = parseEntryTarget(req.path);
    const permission = target && ENTRY_ROUTE_POLICIES[target.kind][req.method];
    if (!target || !permission) return next();
    requirePermission(currentUser(res), permission); // the role at all; the entry itself below
    await dispatch(req, res, target);
  };
  router.use('/entries', Object.assign(byId, { [ENTRY_POLICY_TABLE]: ENTRY_ROUTE_POLICIES }));
  return router;

  async function dispatch(req: Request, res: Response, target: EntryTarget): Promise<void> {
    const user = currentUser(res);
    const { method } = req;
    if (target.kind === 'entry' && method === 'GET') {
      res.json(access.withPermissions(user, await entries.get(target.id)));
    } else if (target.kind === 'entry' && method === 'PUT') {
      const body = UpdateEntryRequestSchema.parse(req.body);
      const current = await entries.get(target.id);
      requirePermission(user, 'entry.edit', { entry: access.factsOf(current) });
      requireDraftChange(user, current, body.frontMatter, access);
      res.json(written(res, await writes.update(target.id, body, user)));
    } else if (target.kind === 'entry' && method === 'PATCH') {
      const body = PatchEntryRequestSchema.parse(req.body ?? {});
      const current = await entries.get(target.id);
      requirePermission(user, 'entry.edit', { entry: access.factsOf(current) });
      const after: FrontMatter = { ...current.frontMatter, ...body.set };
      for (const key of body.unset) delete after[key];
      requireDraftChange(user, current, after, access);
      // Allowed on this version only (an own draft): a save on top of another one is a 409.
      const pinned =
        scopeOf(user, 'entry.edit') === 'own'
          ? { ...body, baseOid: body.baseOid ?? current.oid }
          : body;
      res.json(written(res, await writes.patch(target.id, pinned, user)));
    } else if (target.kind === 'entry' && method === 'DELETE') {
      const { baseOid } = DeleteEntryQuerySchema.parse(req.query);
      const current = await entries.get(target.id);
      requireMovable(current);
      requirePermission(user, 'entry.delete', { entry: access.factsOf(current) });
      const result = written(res, await lifecycle.remove(target.id, baseOid, user));
      await remember(access.creators.deleted(result.id));
      res.json(result);
    } else if (target.kind === 'history') {
      res.json(await entries.history(target.id, HistoryQuerySchema.parse(req.query)));
    } else if (target.kind === 'version') {
      const { commit } = z.object({ commit: OidSchema }).parse({ commit: target.commit });
      res.json(access.withPermissions(user, await entries.version(target.id, commit)));
    } else if (target.kind === 'move') {
      const body = MoveEntryRequestSchema.parse(req.body);
      const current = await entries.get(target.id);
      requireMovable(current);
      requirePermission(user, 'entry.move', { entry: access.factsOf(current) });
      const collection = await access.collectionOf(body.to);
      if (collection !== null) requirePermission(user, 'entry.move', { collection });
      const result = written(res, await lifecycle.move(target.id, body, user));
      if (result.changed) await remember(access.creators.moved(current.id, result.id));
      res.json(result);
    } else if (target.kind === 'bundle') {
      const { baseOid } = BundleEntryRequestSchema.parse(req.body);
      const current = await entries.get(target.id);
      requireMovable(current);
      requirePermission(user, 'entry.move', { entry: access.factsOf(current) });
      const result = written(res, await lifecycle.toBundle(target.id, baseOid, user));
      if (result.changed) await remember(access.creators.moved(current.id, result.id));
      res.json(result);
    } else if (target.kind === 'outsideEdit' && method === 'GET') {
      res.json(await outsideEdits.inspect(target.id));
    } else if (target.kind === 'outsideEdit') {
      const body = ResolveOutsideEditRequestSchema.parse(req.body);
      const current = await entries.get(target.id);
      requirePermission(user, 'entry.edit', { entry: access.factsOf(current) });
      // Their version is judged as a save of it would be (publishing needs entry.publish), then mine on it.
      const outside = await outsideEdits.inspect(target.id);
      const theirsData = outside.working === null ? null : frontMatterOf(outside.working);
      if (theirsData) requireDraftChange(user, current, theirsData, access);
      if (body.action === 'save-mine') requireDraftChange(user, current, body.frontMatter, access);
      const theirs = written(res, await outsideEdits.keepTheirs(target.id, body, user));
      if (body.action === 'keep-theirs') {
        res.json({ theirs } satisfies ResolveOutsideEditResult);
        return;
      }
      const mine = written(
        res,
        await writes.update(
          target.id,
          {
            frontMatter: body.frontMatter,
            body: body.body,
            baseOid: theirs.oid!,
            message: body.message,
          },
          user,
        ),
      );
      res.json({ theirs, mine } satisfies ResolveOutsideEditResult);
    } else if (target.kind === 'restore') {
      const body = RestoreEntryRequestSchema.parse(req.body);
      const collection = await access.collectionOf(target.id);
      if (collection !== null) requirePermission(user, 'entry.restore', { collection });
      res.json(written(res, await lifecycle.restore(target.id, body, user)));
    }
  }
}
