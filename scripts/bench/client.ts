import { fork } from 'node:child_process';
import { once } from 'node:events';

/** A Folio server running in a child process and a signed-in fetch against it. */
export interface BenchServer {
  /** Where it listens (http://127.0.0.1:port). */
  url: string;
  call: (
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; json: unknown }>;
  /** The server's peak resident memory so far (MB). */
  peakRssMb: () => Promise<number>;
  /** Stops the server (it writes its caches first) and returns its peak resident memory. */
  close: () => Promise<{ peakRssMb: number }>;
}

/** Starts Folio on `repo` in a child process (scripts/bench/serverProcess.ts) and signs in as a bench editor. */
export async function startBenchServer(
  repo: string,
  options: { sync?: boolean } = {},
): Promise<BenchServer> {
  const child = fork('scripts/bench/serverProcess.ts', [repo, options.sync ? 'sync' : 'local'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_resolve, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`The bench's Folio server exited (code ${String(code)})`)),
    ),
  );
  exited.catch(() => undefined); // awaited below through the races; an exit after close is expected
  const [ready] = (await Promise.race([once(child, 'message'), exited])) as [{ port: number }];
  const base = `http://127.0.0.1:${ready.port}`;
  let cookie = '';
  const call: BenchServer['call'] = async (method, path, body) => {
    const send = () =>
      fetch(base + path, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // Native runs block this process (spawnSync) for seconds; should the server have closed the
    // idle keep-alive socket meanwhile, a GET is retried once on that reset.
    const res = await send().catch((err: unknown) => {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (method === 'GET' && (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')) return send();
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
  const close = async (): Promise<{ peakRssMb: number }> => {
    const stopped = once(child, 'message');
    child.send('stop');
    const [result] = (await Promise.race([stopped, exited])) as [{ peakRssMb: number }];
    await exited.catch(() => undefined);
    return result;
  };
  const peakRssMb = async (): Promise<number> => {
    const answered = once(child, 'message');
    child.send('memory');
    const [result] = (await Promise.race([answered, exited])) as [{ peakRssMb: number }];
    return result.peakRssMb;
  };
  return { url: base, call, peakRssMb, close };
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
