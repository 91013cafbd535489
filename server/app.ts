import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoginLimits } from './auth/loginThrottle.ts';
import { OidcClient } from './auth/oidc/OidcClient.ts';
import type { OidcSettings } from './auth/oidc/oidcSettings.ts';
import { PasswordCheck } from './auth/passwordCheck.ts';
import type { FolioContext } from './context.ts';
import { auditWrites } from './http/audit.ts';
import { apiNotFound, errorHandler } from './http/errorHandler.ts';
import { hostCheck } from './http/hostCheck.ts';
import { jsonShapeOnly } from './http/jsonShape.ts';
import { repoRelativizer } from './http/repoRelative.ts';
import { jsonBodyOnly, sameOriginOnly } from './http/sameOrigin.ts';
import { requireSession } from './http/session.ts';
import { schemaRoutes } from './routes/schemaRoutes.ts';
import { collectionRoutes } from './routes/collectionRoutes.ts';
import { commitRoutes } from './routes/commitRoutes.ts';
import { entryRoutes } from './routes/entryRoutes.ts';
import { healthRoutes } from './routes/healthRoutes.ts';
import { UPLOAD_PATH, mediaRoutes } from './routes/mediaRoutes.ts';
import { oidcRoutes } from './routes/oidcRoutes.ts';
import { profileRoutes } from './routes/profileRoutes.ts';
import { sessionRoutes } from './routes/sessionRoutes.ts';
import { pushHookRoute, syncRoutes } from './routes/syncRoutes.ts';
import { userRoutes } from './routes/userRoutes.ts';

/** Answers smaller than this are sent uncompressed. */
export const COMPRESS_FROM_BYTES = 8 * 1024;

/** Options for how the client is served. */
export interface AppOptions {
  /** Folder of the built client (dist/client); null serves the API only. */
  clientDir?: string | null;
  /** Extra middleware that serves the client instead (Vite in development). */
  clientMiddleware?: RequestHandler;
  /** Maximum JSON body size. */
  bodyLimit?: string;
  /** Host names requests may name besides IP addresses and localhost (421 otherwise). */
  allowedHosts?: readonly string[];
  /** Proxies whose X-Forwarded-* headers are believed (Express `trust proxy` values); none by default. */
  trustProxy?: readonly string[];
  /** Sign-in throttle limits (tests lower them); Folio's defaults otherwise. */
  loginLimits?: Partial<LoginLimits>;
  /** The origin editors open (`https://cms.example.org`), accepted as a request's Origin too. */
  publicUrl?: string | null;
  /** Sign-in through an OpenID Connect provider (null or absent: passwords only). */
  oidc?: OidcSettings | null;
}

/** Builds the Express app: security headers, JSON API under /api, the client for everything else. */
export function createApp(ctx: FolioContext, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // Forwarded headers are believed only from the proxies named: trusting any client's
  // X-Forwarded-For would let it choose the address its sign-ins are throttled by.
  app.set('trust proxy', options.trustProxy?.length ? [...options.trustProxy] : false);
  app.use(hostCheck(options.allowedHosts ?? []));
  app.use(
    helmet({
      contentSecurityPolicy: options.clientMiddleware
        ? false // Vite's dev client injects inline scripts
        : {
            directives: {
              'default-src': ["'self'"],
              'img-src': ["'self'", 'data:', 'blob:'],
              'style-src': ["'self'", "'unsafe-inline'"],
              'script-src': ["'self'"],
              'connect-src': ["'self'"],
              'object-src': ["'none'"],
              'frame-ancestors': ["'none'"],
              // Folio is often served over plain HTTP on a LAN or behind a proxy that terminates TLS.
              'upgrade-insecure-requests': null,
            },
          },
      strictTransportSecurity: false,
    }),
  );
  // gzip for the client's assets and the API's bigger answers (list pages compress about 5:1).
  // One entry (a few KB) goes as it is: compressing it cost more time than it saved (+2.5 ms per
  // request measured on loopback at 10k posts), and the UI opens entries one by one.
  app.use(compression({ threshold: COMPRESS_FROM_BYTES }));

  const api = express.Router();
  // Sign-in throttle and hash gate, shared by sign-in and password changes (one per app).
  const passwordCheck = new PasswordCheck(options.loginLimits);
  api.use(
    auditWrites(ctx.logger), // first, so that refused requests are logged too
    sameOriginOnly(options.publicUrl ?? null),
    // An upload's body is the image itself, read by its route after the session and permission checks.
    (req, res, next) =>
      req.method === 'POST' && req.path === UPLOAD_PATH ? next() : jsonBodyOnly(req, res, next),
    express.json({ limit: options.bodyLimit ?? '2mb', strict: true }),
    jsonShapeOnly,
  );
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(healthRoutes(ctx));
  api.use(sessionRoutes({ ...ctx, passwordCheck }));
  api.use(oidcRoutes({ ...ctx, oidc: options.oidc ? new OidcClient(options.oidc) : null }));
  api.use(requireSession(ctx));
  // Every route below starts with permit(<permission>) (test/security/routePolicy.test.ts checks).
  api.use(profileRoutes(ctx.users, ctx.sessions, passwordCheck));
  api.use(userRoutes(ctx.users, ctx.sessions));
  api.use(collectionRoutes(ctx.services.collections, ctx.services.writes));
  api.use(schemaRoutes(ctx.services.schema, ctx.services.schemaWriter));
  api.use(entryRoutes(ctx.services));
  api.use(commitRoutes(ctx.services.commits));
  api.use(mediaRoutes(ctx.services));
  api.use(syncRoutes(ctx.sync, ctx.services));
  api.use(apiNotFound);
  // The push webhook comes from the forge, not a browser: its raw body is signed with the secret.
  app.use('/api', pushHookRoute(ctx.sync, ctx.webhookSecret));
  app.use('/api', api);

  if (options.clientMiddleware) {
    app.use(options.clientMiddleware);
  } else if (options.clientDir && existsSync(options.clientDir)) {
    const clientDir = options.clientDir;
    // Vite names every asset by its content hash, so a browser may keep them for good;
    // index.html (which names the current assets) is always revalidated.
    app.use(
      '/assets',
      express.static(join(clientDir, 'assets'), {
        index: false,
        immutable: true,
        maxAge: '1y',
      }),
      // An old page asking for an asset of a previous build: say so, never answer with index.html.
      (_req: express.Request, res: express.Response) => {
        res
          .status(404)
          .type('text/plain')
          .send(
            'No such asset: Folio was probably updated since this page loaded. Reload the page.',
          );
      },
    );
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get(/.*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  }
  app.use(
    errorHandler(
      repoRelativizer({
        dir: ctx.location.dir,
        gitdir: ctx.location.gitdir,
        commonDir: ctx.store.layout.commonDir,
      }),
    ),
  );
  return app;
}
