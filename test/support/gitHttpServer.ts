import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running smart-HTTP git server over a folder of bare repositories. */
export interface GitHttpServer {
  /** Base URL, e.g. http://127.0.0.1:4567 (repositories are `${url}/site.git`). */
  url: string;
  /** Makes the server refuse every request (as a remote that is down) until set back. */
  setDown: (down: boolean) => void;
  /** Requests served so far, as `METHOD path` (for asserting there is no retry storm). */
  requests: string[];
  close: () => Promise<void>;
}

const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

/**
 * Serves the bare repositories under `root` with Debian git's `git http-backend` (CGI), behind
 * HTTP basic auth with one user, as GitHub/Gitea serve them: clone, fetch and push over HTTP.
 */
export async function startGitHttpServer(
  root: string,
  auth: { username: string; password: string },
): Promise<GitHttpServer> {
  let down = false;
  const requests: string[] = [];
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/__control/')) {
      // The test's handle on the server (it runs in a child process): down/up and the request log.
      if (req.url === '/__control/down') down = true;
      if (req.url === '/__control/up') down = false;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(requests));
      return;
    }
    requests.push(`${req.method} ${req.url}`);
    if (down) {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('down for maintenance\n');
      return;
    }
    if (req.headers.authorization !== expected) {
      res
        .writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' })
        .end('authentication required\n');
      return;
    }
    runBackend(root, auth.username, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setDown: (value) => {
      down = value;
    },
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function runBackend(root: string, user: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const child = spawn(HTTP_BACKEND, [], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: req.headers['content-length'] ?? '',
      HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_USER: user,
      REMOTE_ADDR: req.socket.remoteAddress ?? '',
    },
  });
  req.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headerDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headerDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headerDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const at = line.indexOf(':');
      const name = line.slice(0, at).trim();
      const value = line.slice(at + 1).trim();
      if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else res.setHeader(name, value);
    }
    res.statusCode = status;
    res.write(head.subarray(end + 4));
  });
  child.stdout.on('end', () => res.end());
  child.on('error', () => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
}

/** A git HTTP server in a child process (so tests may run the git CLI synchronously meanwhile). */
export interface GitHttpServerProcess {
  url: string;
  /** Makes the remote refuse every request (503), or serve again. */
  setDown: (down: boolean) => Promise<void>;
  /** Requests served so far. */
  requests: () => Promise<string[]>;
  close: () => void;
}

/** Starts `startGitHttpServer` in a child process and waits until it listens. */
export async function spawnGitHttpServer(
  root: string,
  auth: { username: string; password: string },
): Promise<GitHttpServerProcess> {
  const main = fileURLToPath(new URL('./gitHttpServerMain.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', main, root, auth.username, auth.password],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`git HTTP server exited with ${code}`)));
  });
  const control = async (what: string): Promise<string[]> =>
    (await (await fetch(`${url}/__control/${what}`)).json()) as string[];
  return {
    url,
    setDown: async (value) => {
      await control(value ? 'down' : 'up');
    },
    requests: () => control('requests'),
    close: () => {
      child.kill('SIGKILL');
    },
  };
}

/** Makes a bare repository under `root` that accepts pushes over HTTP. */
export function makeServedRepo(root: string, name: string, source?: string): string {
  const bare = `${root}/${name}`;
  const args = source
    ? ['clone', '-q', '--bare', source, bare]
    : ['init', '-q', '--bare', '-b', 'main', bare];
  const made = spawnSync('git', args, { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  spawnSync('git', ['-C', bare, 'config', 'http.receivepack', 'true']);
  return bare;
}
