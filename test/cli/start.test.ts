import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitCli } from '../support/gitCli.ts';
import { makeRepoFrom, makeTempDir, PROJECT_ROOT } from '../support/tempRepo.ts';

interface Started {
  child: ChildProcess;
  output: string;
  url: string;
}

const running: ChildProcess[] = [];

/** Starts `server/main.ts` as `npm start` does (after the build) and waits for the URL line. */
function startFolio(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', '0', ...args],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, FOLIO_ADMIN_PASSWORD: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match && /Sign in as/.test(output)) resolve({ child, output, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`Folio exited with ${code} before serving:\n${output}`)),
    );
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
});

describe('npm start', () => {
  it('copies the sample site into a fresh repository once, prints the URL and a one-time password', async () => {
    const tmp = makeTempDir();
    try {
      const first = await startFolio(['--data', tmp.path]);
      const site = join(tmp.path, 'site');
      expect(first.output).toContain('Copied the sample site');
      const password = /with password: (\S+)/.exec(first.output)?.[1];
      expect(password).toBeTruthy();

      const login = await fetch(`${first.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const health = (await (
        await fetch(`${first.url}/api/health`, { headers: { cookie } })
      ).json()) as { head: string };
      expect(health.head).toBe(gitCli(site, ['rev-parse', 'HEAD']));
      expect(gitCli(site, ['rev-list', '--count', 'HEAD'])).toBe('1');
      expect(gitCli(site, ['status', '--porcelain'])).toBe('');
      gitCli(site, ['fsck', '--strict']); // throws on any problem
      expect(existsSync(join(site, 'content/blog/openinfradays-scale-2025.md'))).toBe(true);
      await stop(first.child);

      const second = await startFolio(['--data', tmp.path]);
      expect(second.output).not.toContain('Copied the sample site');
      expect(second.output).not.toMatch(/with password:/);
      expect(gitCli(site, ['rev-list', '--count', 'HEAD'])).toBe('1');
    } finally {
      tmp.cleanup();
    }
  });

  it('opens an existing bare repository given by FOLIO_REPO, with the password from FOLIO_ADMIN_PASSWORD', async () => {
    const tmp = makeTempDir();
    try {
      const bare = join(tmp.path, 'site.git');
      const source = makeRepoFrom(join(PROJECT_ROOT, 'content'), join(tmp.path, 'source'));
      gitCli(tmp.path, ['clone', '-q', '--bare', source, bare]);
      const started = await startFolio([], {
        FOLIO_REPO: bare,
        FOLIO_ADMIN_PASSWORD: 'from-env-123',
      });
      expect(started.output).toContain(`Folio is serving ${bare}`);
      const login = await fetch(`${started.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'from-env-123' }),
      });
      expect(login.status).toBe(200);
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses a folder that is not a git repository, saying how to fix it', async () => {
    const tmp = makeTempDir();
    try {
      await expect(startFolio(['--repo', tmp.path])).rejects.toThrow(
        /not a git repository.*git init/s,
      );
    } finally {
      tmp.cleanup();
    }
  });
});
