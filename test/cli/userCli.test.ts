import { spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openContext, type FolioContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { entryUrl, SITE_FIXTURE } from '../support/siteFixture.ts';
import { PROJECT_ROOT, makeTempDir } from '../support/tempRepo.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run folio -- …` as a process (without npm's banner), with `stdin` piped in. */
function folio(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  return new Promise<Run>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, FOLIO_REPO: '', FOLIO_DATA_DIR: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const PASSWORD = 'a long enough passphrase';

// Each command is a process of its own (about a second to start on a busy machine).
describe('npm run folio -- user …', { timeout: 120_000 }, () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let ctx: FolioContext;
  let app: ReturnType<typeof createApp>;
  let r: string[];

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    r = ['--repo', repo.dir];
    ctx = await openContext({ repo: repo.dir }); // a running server, all along
    app = createApp(ctx);
  });
  afterAll(() => repo.cleanup());

  const add = (username: string, extra: string[] = [], stdin = `${PASSWORD}\n`) =>
    folio(
      [
        'user',
        'add',
        username,
        '--role',
        'editor',
        '--name',
        'Ana Souza',
        '--email',
        'ana@example.com',
        '--password-stdin',
        ...r,
        ...extra,
      ],
      { stdin },
    );
  const signIn = (username: string, password = PASSWORD) =>
    request(app).post('/api/session').send({ username, password });

  it('adds a user the running server lets sign in at once, and lists them', async () => {
    const added = await add('ana');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/Added ana \(editor/);
    expect((await signIn('ana').expect(200)).body.user).toEqual({
      username: 'ana',
      name: 'Ana Souza',
      email: 'ana@example.com',
      role: 'editor',
    });
    const list = await folio(['user', 'list', ...r]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^USERNAME\s+NAME\s+EMAIL\s+ROLE\s+LAST SIGN-IN$/m);
    expect(list.stdout).toMatch(/^ana\s+Ana Souza\s+ana@example\.com\s+editor\s+\d{4}-\d\d-\d\dT/m);
    expect(gitCli(repo.dir, ['status', '--porcelain'])).toBe('');
  });

  it('refuses bad input with a clear message and a non-zero exit, changing nothing', async () => {
    const cases: [Promise<Run>, RegExp][] = [
      [add('ana'), /A user "ana" already exists/],
      [add('bo', ['--role', 'owner']), /Unknown role "owner": use viewer, author, editor, admin/],
      [add('bo', ['--email', 'not-an-email']), /Invalid email "not-an-email"/],
      [add('Bo Bo'), /Invalid username "Bo Bo"/],
      [add('bo', [], 'short\n'), /too short: use at least 10 characters/],
      [add('bo', [], '\n'), /password is empty/],
      [add('bo', [], 'password123\n'), /too common/],
      [
        folio(['user', 'add', 'bo', '--name', 'Bo', '--email', 'b@example.com', ...r]),
        /Missing --role/,
      ],
      [
        folio([
          'user',
          'add',
          'bo',
          '--role',
          'viewer',
          '--name',
          'Bo',
          '--email',
          'b@example.com',
          ...r,
        ]),
        /No terminal .* --password-stdin/,
      ],
      [folio(['user', 'role', 'nobody', 'viewer', ...r]), /No user "nobody"/],
      [folio(['user', 'frobnicate', ...r]), /Unknown command "user frobnicate"/],
      [folio(['user', 'list', '--repo', join(repo.dir, 'missing')]), /No repository at/],
    ];
    for (const [running, message] of cases) {
      const run = await running;
      expect(run.code, run.stderr).not.toBe(0);
      expect(run.stderr).toMatch(message);
    }
    expect(ctx.users.list().map((u) => u.username)).toEqual(['ana']);
  });

  it('changes a role, a password and removes a user; the running server sees each at once and ends their sessions', async () => {
    const agent = request.agent(app);
    await agent.post('/api/session').send({ username: 'ana', password: PASSWORD }).expect(200);
    const alpha = entryUrl('content/blog/alpha.md');

    const role = await folio(['user', 'role', 'ana', 'viewer', ...r]);
    expect(role).toMatchObject({ code: 0 });
    expect(role.stdout).toMatch(/ana is now viewer \(was editor\); their sessions have ended/);
    await agent.get('/api/session').expect(401);
    await agent.post('/api/session').send({ username: 'ana', password: PASSWORD }).expect(200);
    const denied = await agent
      .patch(alpha)
      .send({ set: { pinned: true } })
      .expect(403);
    expect(denied.body.error.code).toBe('forbidden');

    const passwd = await folio(['user', 'passwd', 'ana', '--password-stdin', ...r], {
      stdin: 'the second passphrase\n',
    });
    expect(passwd).toMatchObject({ code: 0 });
    await agent.get('/api/session').expect(401);
    await signIn('ana').expect(401);
    await signIn('ana', 'the second passphrase').expect(200);

    expect((await folio(['user', 'remove', 'ana', ...r])).code).toBe(0);
    await signIn('ana', 'the second passphrase').expect(401);
  });

  it('finds the repository through FOLIO_REPO and --data as npm start does', async () => {
    const viaEnv = await folio(
      [
        'user',
        'add',
        'env',
        '--role',
        'author',
        '--name',
        'E',
        '--email',
        'e@example.com',
        '--password-stdin',
      ],
      { stdin: PASSWORD, env: { FOLIO_REPO: repo.dir } },
    );
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    expect(ctx.users.find('env')?.role).toBe('author');
    const data = makeTempDir();
    try {
      gitCli(data.path, ['init', '-q', 'site']);
      const viaData = await folio(['user', 'list', '--data', data.path]);
      expect(viaData).toMatchObject({ code: 0 });
      expect(viaData.stdout).toMatch(/No users yet/);
    } finally {
      data.cleanup();
    }
  });

  it('loses no user when the CLI and the server add users at the same moment', async () => {
    const runs = Array.from({ length: 4 }, (_, i) => add(`cli${i}`));
    const server = Array.from({ length: 4 }, (_, i) =>
      ctx.users.add(
        { username: `srv${i}`, name: 'S', email: 's@example.com', role: 'viewer' },
        PASSWORD,
      ),
    );
    const results = await Promise.all(runs);
    await Promise.all(server);
    for (const run of results) expect(run.code, run.stderr).toBe(0);
    const names = ctx.users.list().map((u) => u.username);
    for (let i = 0; i < 4; i++)
      expect(names).toEqual(expect.arrayContaining([`cli${i}`, `srv${i}`]));
  });
});
