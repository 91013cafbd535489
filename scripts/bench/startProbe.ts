// Child process for the start benchmarks: opens Folio on a repository and times the first list page.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/app.ts';
import { openContext } from '../../server/context.ts';

const repo = process.argv[2];
if (!repo) throw new Error('usage: startProbe.ts REPO');
const start = performance.now();
// The clone's upstream is the generated site (a working copy): measured alone, as with --no-sync.
const ctx = await openContext({ repo, sync: { disabled: true } });
const opened = performance.now() - start;
await ctx.users.upsert(
  { username: 'bench', name: 'Bench', email: 'bench@example.com', role: 'editor' },
  'bench-password',
);
const app = createApp(ctx);
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as AddressInfo;
const login = await send('POST', '/api/session', {
  'content-type': 'application/json',
  body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
});
const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0]!;
const listStart = performance.now();
const list = await send('GET', '/api/entries?limit=50', { cookie });
JSON.parse(list.body);
// Signing in (scrypt) is not part of starting up, so it stays out of the figure.
const elapsed = opened + (performance.now() - listStart);
server.close();
// As on a normal shutdown: the entry cache a cold start built is written for the next start.
await ctx.close();
process.stdout.write(
  JSON.stringify({ ms: elapsed, rss: process.resourceUsage().maxRSS * 1024 }) + '\n',
);
process.exit(0);

/**
 * One request with node:http, whose parser the server already has loaded. Not fetch: a browser is
 * another process, while fetch would load undici into the server's (its WebAssembly parser is
 * compiled in the background while the first list is built, about 70 ms of this figure).
 */
function send(
  method: string,
  path: string,
  { body, ...headers }: Record<string, string>,
): Promise<{ headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 400)
          reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
        else resolve({ headers: res.headers, body: text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
