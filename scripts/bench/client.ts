import { createApp } from '../../server/app.ts';
import { openContext, type FolioContext } from '../../server/context.ts';

/** A Folio server running in this process and a signed-in fetch against it. */
export interface BenchServer {
  ctx: FolioContext;
  call: (
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; json: unknown }>;
  close: () => Promise<void>;
}

/** Starts Folio on `repo` on a free loopback port and signs in as a bench editor. */
export async function startBenchServer(repo: string): Promise<BenchServer> {
  const ctx = await openContext({ repo });
  await ctx.users.upsert(
    { username: 'bench', name: 'Bench Editor', email: 'bench@example.com', role: 'editor' },
    'bench-password',
  );
  const server = createApp(ctx).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let cookie = '';
  const call: BenchServer['call'] = async (method, path, body) => {
    const send = () =>
      fetch(base + path, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // Native runs block this process (spawnSync) past the server's keep-alive timeout, which then
    // closes the idle socket just as the next request reuses it: retry a GET once on that reset.
    const res = await send().catch((err: unknown) => {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (method === 'GET' && code === 'ECONNRESET') return send();
      throw err;
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  };
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { ctx, call, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Throws unless the answer has the expected status. */
export function expectStatus(
  res: { status: number; json: unknown },
  status: number,
  what: string,
): void {
  if (res.status !== status)
    throw new Error(
      `${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`,
    );
}
