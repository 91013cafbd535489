// Child process for the start benchmarks: opens Folio on a repository and times the first list page.
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';

const repo = process.argv[2];
if (!repo) throw new Error('usage: startProbe.ts REPO');
const start = performance.now();
const ctx = await openContext({ repo });
const opened = performance.now() - start;
await ctx.users.upsert(
  { username: 'bench', name: 'Bench', email: 'bench@example.com', role: 'editor' },
  'bench-password',
);
const app = createApp(ctx);
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const login = await fetch(`${base}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const listStart = performance.now();
const list = await fetch(`${base}/api/entries?limit=50`, { headers: { cookie } });
if (!list.ok) throw new Error(`list failed: ${list.status} ${await list.text()}`);
await list.json();
// Signing in (scrypt) is not part of starting up, so it stays out of the figure.
const elapsed = opened + (performance.now() - listStart);
server.close();
// As on a normal shutdown: the entry cache a cold start built is written for the next start.
await ctx.close();
process.stdout.write(
  JSON.stringify({ ms: elapsed, rss: process.resourceUsage().maxRSS * 1024 }) + '\n',
);
process.exit(0);
