// Child process of the bench: Folio's server on one repository, alone in its process, so that the
// peak memory it reports is Folio's own (not the bench's, nor native git's output it collects).
// Protocol (IPC): sends { port } once listening; answers 'memory' with { peakRssMb } so far; on
// 'stop', writes its caches as a normal shutdown does, sends { peakRssMb } and exits.
import { resolve } from 'node:path';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';

const repo = process.argv[2];
const syncing = process.argv[3] === 'sync';
if (!repo || !process.send)
  throw new Error('usage: fork(serverProcess.ts, [REPO, "sync" | "local"]) with IPC');
const send = process.send.bind(process);

// The sync section's clones sync as `npm start` would with their upstream (the webhook secret
// from the bench, fetching only on saves and webhooks); the other clones' upstream is the
// generated site, a working copy the bench measures alone: no sync (as `--no-sync`).
const ctx = await openContext({
  repo,
  sync: syncing
    ? { fetchIntervalMs: 0, webhookSecret: process.env.FOLIO_WEBHOOK_SECRET ?? null }
    : { disabled: true },
});
await ctx.users.upsert(
  { username: 'bench', name: 'Bench Editor', email: 'bench@example.com', role: 'editor' },
  'bench-password',
);
// The production build (the bench builds it first), so the client figures are the real ones.
const server = createApp(ctx, { clientDir: resolve('dist/client') }).listen(0, '127.0.0.1');
// The bench's client is blocked in native git runs for seconds at a time: keep its sockets open
// (Node closes idle keep-alive sockets after 5 s, which would race with the next request).
server.keepAliveTimeout = 120_000;
server.once('listening', () => {
  const address = server.address();
  send({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (message) => {
  if (message === 'memory') {
    send({ peakRssMb: process.resourceUsage().maxRSS / 1024 });
    return;
  }
  if (message !== 'stop') return;
  server.closeAllConnections();
  server.close();
  void ctx.close().finally(() => {
    send({ peakRssMb: process.resourceUsage().maxRSS / 1024 }, () => process.exit(0));
  });
});
