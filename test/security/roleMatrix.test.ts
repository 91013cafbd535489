import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../shared/policy/permissions.ts';
import type { Role } from '../../shared/policy/roles.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo, fileAtHead } from '../support/repoChecks.ts';
import { entryUrl, SITE_FIXTURE } from '../support/siteFixture.ts';
import {
  ALL_ROLES,
  TEAM,
  TEAM_PASSWORD,
  openTeam,
  snapshotState,
  type Agent,
} from '../support/teamFixture.ts';

const ALPHA = 'content/blog/alpha.md'; // published; its front matter names "Ana" (the author)
const BETA = 'content/blog/beta.md'; // a draft nobody in the team owns

interface Case<T> {
  name: string;
  allowed: Role[];
  /** The permission a denied role is told it lacks (per role when it differs). */
  denied?: Permission | Partial<Record<Role, Permission>>;
  prepare?: (role: Role) => Promise<T>;
  send: (agent: Agent, data: T, role: Role) => Promise<Response>;
  check?: (res: Response, role: Role) => void;
}

// Each case's data type is checked where it is written, then the list holds them alike.
const caseOf = <T>(c: Case<T>) => c as unknown as Case<unknown>;

describe('every role against every route', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let team: Awaited<ReturnType<typeof openTeam>>;
  let initial: string;
  const commits: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    initial = gitCli(repo.dir, ['rev-parse', 'HEAD']);
    team = await openTeam(repo.dir);
  });
  afterAll(() => repo.cleanup());

  const track = (res: Response) => {
    if (typeof res.body?.commit === 'string') commits.push(res.body.commit);
    return res;
  };
  const current = async (id: string) =>
    (await team.agents.admin.get(entryUrl(id)).expect(200)).body as {
      oid: string;
      frontMatter: Record<string, unknown>;
      body: string;
    };
  const draftBy = async (role: Role) => {
    const res = await team.agents[role]
      .post('/api/entries')
      .send({
        collection: 'blog',
        frontMatter: { title: `Draft ${++seq}`, draft: true },
        body: 'A draft.\n',
      })
      .expect(201);
    track(res);
    return res.body.id as string;
  };
  const withOid = async (id: string) => ({ id, ...(await current(id)) });

  const reads: [string, (agent: Agent) => Promise<Response>][] = [
    ['GET /api/health', (a) => a.get('/api/health')],
    ['GET /api/session', (a) => a.get('/api/session')],
    ['GET /api/profile', (a) => a.get('/api/profile')],
    ['GET /api/collections', (a) => a.get('/api/collections')],
    ['GET /api/entries', (a) => a.get('/api/entries')],
    ['GET /api/entries/{id}', (a) => a.get(entryUrl(ALPHA))],
    ['GET /api/entries/{id}/history', (a) => a.get(entryUrl(ALPHA, '/history'))],
    ['GET /api/entries/{id}/versions/{c}', (a) => a.get(entryUrl(ALPHA, `/versions/${initial}`))],
    ['GET /api/commits', (a) => a.get('/api/commits')],
    ['GET /api/commits/{oid}', (a) => a.get(`/api/commits/${initial}`)],
  ];
  for (const [name, send] of reads)
    it(`${name}: every role may read`, async () => {
      for (const role of ALL_ROLES) expect((await send(team.agents[role])).status, role).toBe(200);
    });

  const cases: Case<unknown>[] = [
    caseOf({
      name: 'POST /api/entries (an author creates a draft whatever it asks)',
      allowed: ['author', 'editor', 'admin'],
      denied: 'entry.create',
      send: (a, _d, role) =>
        a.post('/api/entries').send({
          collection: 'blog',
          frontMatter: { title: `Made by ${role} ${++seq}`, draft: false },
          body: 'New.\n',
        }),
      check: (res, role) => {
        const text = fileAtHead(repo.dir, res.body.id);
        expect(text).toMatch(role === 'author' ? /draft: true/ : /draft: false/);
      },
    }),
    caseOf({
      name: "PUT someone else's draft",
      allowed: ['editor', 'admin'],
      denied: 'entry.edit',
      prepare: () => withOid(BETA),
      send: (a, d, role) =>
        a.put(entryUrl(BETA)).send({
          frontMatter: d.frontMatter,
          body: `${d.body}${role}\n`,
          baseOid: d.oid,
        }),
    }),
    caseOf({
      name: 'PATCH a published post that names the author',
      allowed: ['editor', 'admin'],
      denied: 'entry.edit',
      prepare: () => withOid(ALPHA),
      send: (a, d) => a.patch(entryUrl(ALPHA)).send({ set: { featured: !d.frontMatter.featured } }),
    }),
    caseOf({
      name: 'PATCH an own draft',
      allowed: ['author', 'editor', 'admin'],
      denied: 'entry.edit',
      prepare: () => draftBy('author'),
      send: (a, id: string) => a.patch(entryUrl(id)).send({ set: { tags: ['Go'] } }),
    }),
    caseOf({
      name: 'PUT an own draft that stays a draft',
      allowed: ['author', 'editor', 'admin'],
      denied: 'entry.edit',
      prepare: async () => withOid(await draftBy('author')),
      send: (a, d) =>
        a
          .put(entryUrl(d.id))
          .send({ frontMatter: d.frontMatter, body: 'Edited.\n', baseOid: d.oid }),
    }),
    caseOf({
      name: 'PATCH publishing an own draft',
      allowed: ['editor', 'admin'],
      denied: { viewer: 'entry.edit', author: 'entry.publish' },
      prepare: () => draftBy('author'),
      send: (a, id: string) => a.patch(entryUrl(id)).send({ set: { draft: false } }),
      check: (res) => expect(res.body.changed).toBe(true),
    }),
    caseOf({
      name: 'PUT publishing an own draft by dropping draft',
      allowed: ['editor', 'admin'],
      denied: { viewer: 'entry.edit', author: 'entry.publish' },
      prepare: async () => withOid(await draftBy('author')),
      send: (a, d) => {
        const { draft: _draft, ...rest } = d.frontMatter;
        return a.put(entryUrl(d.id)).send({ frontMatter: rest, body: d.body, baseOid: d.oid });
      },
    }),
    caseOf({
      name: 'DELETE an own draft',
      allowed: ['author', 'editor', 'admin'],
      denied: 'entry.delete',
      prepare: async () => withOid(await draftBy('author')),
      send: (a, d) => a.delete(`${entryUrl(d.id)}?baseOid=${d.oid}`),
    }),
    caseOf({
      name: "DELETE someone else's draft",
      allowed: ['editor', 'admin'],
      denied: 'entry.delete',
      prepare: async () => withOid(await draftBy('editor')),
      send: (a, d) => a.delete(`${entryUrl(d.id)}?baseOid=${d.oid}`),
    }),
    caseOf({
      name: 'POST /api/entries/{id}/move an own draft',
      allowed: ['author', 'editor', 'admin'],
      denied: 'entry.move',
      prepare: async () => withOid(await draftBy('author')),
      send: (a, d) =>
        a
          .post(entryUrl(d.id, '/move'))
          .send({ to: `content/blog/moved-${++seq}.md`, baseOid: d.oid }),
    }),
    caseOf({
      name: 'POST /api/entries/{id}/restore',
      allowed: ['editor', 'admin'],
      denied: 'entry.restore',
      send: (a) => a.post(entryUrl(BETA, '/restore')).send({ commit: initial }),
    }),
    caseOf({
      name: 'GET /api/users',
      allowed: ['admin'],
      denied: 'users.manage',
      send: (a) => a.get('/api/users'),
    }),
    caseOf({
      name: 'POST /api/users',
      allowed: ['admin'],
      denied: 'users.manage',
      send: (a, _d, role) =>
        a.post('/api/users').send({
          username: `new-${role}`,
          name: 'New Person',
          email: 'new@example.com',
          role: 'viewer',
          password: TEAM_PASSWORD,
        }),
    }),
    caseOf({
      name: 'PATCH /api/users/{username}',
      allowed: ['admin'],
      denied: 'users.manage',
      send: (a) => a.patch(`/api/users/${TEAM.viewer.username}`).send({ name: 'Vic V. Viewer' }),
    }),
    caseOf({
      name: 'POST /api/users/{username}/password-reset',
      allowed: ['admin'],
      denied: 'users.manage',
      prepare: async (role) => {
        await team.ctx.users.upsert(
          { username: `temp-${role}`, name: 'Temp', email: 't@example.com', role: 'viewer' },
          TEAM_PASSWORD,
        );
        return `temp-${role}`;
      },
      send: (a, username: string) => a.post(`/api/users/${username}/password-reset`).send({}),
    }),
    caseOf({
      name: 'DELETE /api/users/{username}',
      allowed: ['admin'],
      denied: 'users.manage',
      prepare: async (role) => `temp-${role}`,
      send: (a, username: string) => a.delete(`/api/users/${username}`),
    }),
    caseOf({
      name: 'PATCH /api/profile',
      allowed: ALL_ROLES,
      send: (a, _d, role) => a.patch('/api/profile').send({ name: TEAM[role].name }),
    }),
  ];

  for (const c of cases)
    it(`${c.name}: allowed for ${c.allowed.join(', ')}; 403 and nothing written for the others`, async () => {
      for (const role of ALL_ROLES) {
        const data = c.prepare ? await c.prepare(role) : undefined;
        const before = snapshotState(repo.dir, team.ctx);
        const res = track(await c.send(team.agents[role], data, role));
        if (c.allowed.includes(role)) {
          expect(res.status, `${role}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
          c.check?.(res, role);
          continue;
        }
        const permission = typeof c.denied === 'string' ? c.denied : c.denied?.[role];
        expect(res.status, `${role}: ${JSON.stringify(res.body)}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
        expect(res.body.error.details.permission).toBe(permission);
        expect(res.body.error.message).toContain(`missing permission: ${permission}`);
        if (permission === 'entry.publish')
          expect(res.body.error.message).toMatch(
            /^Publishing needs the editor role: ask an editor/,
          );
        expect(snapshotState(repo.dir, team.ctx), role).toEqual(before);
      }
    });

  it('says in each entry answer what the role may do with it', async () => {
    const own = await draftBy('author');
    const rows = async (role: Role) => {
      const list = (await team.agents[role].get('/api/entries?limit=500').expect(200)).body;
      return new Map(list.items.map((i: { id: string; can: unknown }) => [i.id, i.can]));
    };
    const none = { edit: false, publish: false, delete: false, move: false, restore: false };
    for (const can of (await rows('viewer')).values()) expect(can).toEqual(none);
    const author = await rows('author');
    expect(author.get(own)).toEqual({ ...none, edit: true, delete: true, move: true });
    expect(author.get(BETA)).toEqual(none);
    expect(author.get(ALPHA)).toEqual(none); // names Ana, but published
    const editor = await rows('editor');
    expect(editor.get(ALPHA)).toEqual({
      edit: true,
      publish: true,
      delete: true,
      move: true,
      restore: true,
    });
    const entry = (await team.agents.author.get(entryUrl(own)).expect(200)).body;
    expect(entry.can).toEqual({ ...none, edit: true, delete: true, move: true });
    const session = (await team.agents.author.get('/api/session').expect(200)).body;
    expect(session.permissions).toEqual([
      'content.read',
      'entry.create',
      'entry.edit',
      'entry.delete',
      'entry.move',
      'profile.edit',
    ]);
  });

  it('leaves a healthy repository holding exactly the commits the allowed writes made', () => {
    expectHealthyRepo(repo.dir);
    const onBranch = gitCli(repo.dir, ['rev-list', 'HEAD']).split('\n');
    expect(onBranch.sort()).toEqual([initial, ...commits].sort());
    const authors = new Set(
      gitCli(repo.dir, ['log', '--format=%ae', `${initial}..HEAD`]).split('\n'),
    );
    expect([...authors].every((email) => Object.values(TEAM).some((m) => m.email === email))).toBe(
      true,
    );
  });
});
