import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { ConflictParamsSchema } from '../../shared/api/sync.ts';
import { noteAudit } from '../http/audit.ts';
import { permit, requirePermission } from '../http/permit.ts';
import { currentUser } from '../http/session.ts';
import type { ConflictedSaveService } from '../services/ConflictedSaveService.ts';
import type { EntryAccessService } from '../services/EntryAccessService.ts';
import type { SyncEngine } from '../sync/SyncEngine.ts';

/** The services behind /api/sync/conflicts. */
export interface SyncRouteServices {
  conflicts: ConflictedSaveService;
  access: EntryAccessService;
}

/**
 * GET /api/sync: where Folio syncs, how far ahead and behind, the last error, conflicted saves;
 * GET /api/sync/conflicts/{commit}: one conflicted save's posts (theirs, yours, where both began);
 * DELETE /api/sync/conflicts/{commit}: drops a save an editor resolved (edit rights on its posts).
 */
export function syncRoutes(
  sync: SyncEngine | null,
  { conflicts, access }: SyncRouteServices,
): Router {
  const router = Router();
  router.get('/sync', permit('content.read'), async (_req, res) => {
    res.json(sync ? { enabled: true, ...(await sync.snapshot()) } : { enabled: false });
  });
  router.get('/sync/conflicts/:commit', permit('content.read'), async (req, res) => {
    const { commit } = ConflictParamsSchema.parse(req.params);
    const details = await conflicts.details(commit);
    const user = currentUser(res);
    res.json({
      ...details,
      posts: details.posts.map((post) => ({
        ...post,
        current: post.current && access.withPermissions(user, post.current),
      })),
    });
  });
  router.delete('/sync/conflicts/:commit', permit('entry.edit'), async (req, res) => {
    const { commit } = ConflictParamsSchema.parse(req.params);
    const details = await conflicts.details(commit);
    const user = currentUser(res);
    // Dropping the save gives up its version of each post: only for who may edit every one of them.
    for (const post of details.posts)
      requirePermission(
        user,
        'entry.edit',
        post.current ? { entry: access.factsOf(post.current) } : { collection: post.collection },
      );
    await conflicts.drop(commit);
    noteAudit(res, { commit, entry: details.posts[0]?.id });
    res.json({ commit, dropped: true });
  });
  return router;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when the request carries the shared secret as GitHub, Gitea/Forgejo or GitLab send it. */
function signedWith(req: Request, body: Buffer, secret: string): boolean {
  const hmac = createHmac('sha256', secret).update(body).digest('hex');
  const github = req.get('x-hub-signature-256');
  if (github) return sameSecret(github, `sha256=${hmac}`);
  const gitea = req.get('x-gitea-signature') ?? req.get('x-forgejo-signature');
  if (gitea) return sameSecret(gitea, hmac);
  const gitlab = req.get('x-gitlab-token');
  if (gitlab) return sameSecret(gitlab, secret);
  return false;
}

/**
 * POST /api/hooks/push: a forge's push webhook (GitHub, Gitea, Forgejo, GitLab), checked with the
 * shared secret (HMAC of the raw body, or GitLab's token). A push to the branch Folio syncs starts
 * a sync at once; the answer (202) does not wait for it. No session: the secret is the credential.
 */
export function pushHookRoute(sync: SyncEngine | null, secret: string | null): Router {
  const router = Router();
  // Public as far as sessions go: the signature below is the credential.
  router.post(
    '/hooks/push',
    permit('public'),
    express.raw({ type: '*/*', limit: '2mb' }),
    (req, res) => {
      if (!sync)
        throw new NotFoundError('Sync is off on this server: there is nothing to sync on a push.');
      if (!secret)
        throw new ForbiddenError(
          'Webhooks are refused until FOLIO_WEBHOOK_SECRET is set (and the same secret given to the forge).',
        );
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!signedWith(req, body, secret))
        throw new ForbiddenError('The webhook signature does not match FOLIO_WEBHOOK_SECRET.');
      let ref: unknown;
      try {
        ref = (JSON.parse(body.toString('utf8')) as { ref?: unknown }).ref;
      } catch {
        throw new ValidationError(
          'The webhook body is not JSON: send push events as application/json.',
        );
      }
      const branch = sync.branch;
      if (typeof ref === 'string' && ref !== branch) {
        res.status(202).json({ ok: true, ignored: `a push to ${ref}, not ${branch}` });
        return;
      }
      void sync.syncNow().catch(() => undefined);
      res.status(202).json({ ok: true });
    },
  );
  return router;
}
