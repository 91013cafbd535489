import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import { createApp } from './app.ts';
import { ensureAdmin } from './auth/ensureAdmin.ts';
import { listensEverywhere, parseConfig } from './config.ts';
import { openContext } from './context.ts';
import { createLogger } from './logger.ts';
import { prepareSampleSite } from './site/prepareSampleSite.ts';

const root = resolve(fileURLToPath(import.meta.url), '../..');

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env);
  let repo = config.repo;
  if (!repo) {
    repo = join(config.dataDir, 'site');
    const { created } = await prepareSampleSite(join(root, 'content'), repo);
    if (created) console.log(`Copied the sample site to ${repo} and made it a git repository.`);
  }
  // Audit lines (writes, sign-ins) go to standard output as JSON lines.
  const ctx = await openContext({
    repo,
    siteDir: config.siteDir,
    logger: createLogger(),
    sync: config.sync,
    media: config.media,
  });
  const admin = await ensureAdmin(ctx.users, config.adminPassword);

  let clientMiddleware: RequestHandler | undefined;
  if (config.dev) {
    const { createServer } = await import('vite');
    const vite = await createServer({
      configFile: join(root, 'vite.config.ts'),
      server: { middlewareMode: true },
      appType: 'spa',
    });
    clientMiddleware = vite.middlewares;
  }
  const app = createApp(ctx, {
    clientDir: join(root, 'dist/client'),
    clientMiddleware,
    allowedHosts: config.allowedHosts,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    oidc: config.oidc,
  });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    console.log(`Folio is serving ${repo}`);
    if (ctx.site.how === 'detected')
      console.log(`Hugo site found in ${ctx.site.dir}/; pass --site-dir to choose another folder.`);
    else if (ctx.site.how === 'given') console.log(`Hugo site in ${ctx.site.dir}/ (--site-dir).`);
    console.log(
      `Open ${config.publicUrl ?? `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`}`,
    );
    if (listensEverywhere(config.host) && config.allowedHosts.length === 0) {
      console.log(
        'Listening on every interface: open Folio by IP address or localhost. To use a host name, ' +
          'name it with --public-url or --allowed-hosts (requests naming other hosts get 421).',
      );
    }
    if (admin.password) {
      console.log(`Sign in as "${admin.username}" with password: ${admin.password}`);
      console.log('(shown once; set FOLIO_ADMIN_PASSWORD to choose it yourself)');
    } else {
      console.log(
        `Sign in as "${admin.username}" with your password${admin.fromEnv ? ' (FOLIO_ADMIN_PASSWORD)' : ''}.`,
      );
    }
  });
  if (ctx.sync) {
    const status = await ctx.sync.snapshot();
    console.log(
      `Syncing ${status.branch} with ${status.remote} (${status.url}); --no-sync turns it off.`,
    );
    ctx.sync.start();
    void ctx.sync.syncNow().catch(() => undefined);
  }
  // Read the site's entries now rather than on the first visit; a failure shows on that visit too.
  ctx.warmUp().catch((err: unknown) => {
    console.error('Could not read the entries yet:', err instanceof Error ? err.message : err);
  });
  server.on('error', (err) => {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${err.message}`);
    process.exit(1);
  });
  const shutdown = (): void => {
    server.close();
    setTimeout(() => process.exit(0), 5000).unref();
    ctx.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("Could not write Folio's caches on shutdown:", err);
        process.exit(0);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
