import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { ensureAdmin } from '../../server/auth/ensureAdmin.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { openContext } from '../../server/context.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { SITE_FIXTURE } from '../support/siteFixture.ts';
import { signIn } from '../support/teamFixture.ts';

describe('the user file', () => {
  let repo: ReturnType<typeof makeFixtureRepo>;
  let file: string;

  beforeAll(async () => {
    repo = makeFixtureRepo(SITE_FIXTURE);
    file = join(repo.dir, '.git/folio/users.json');
    mkdirSync(join(repo.dir, '.git/folio'), { recursive: true });
    // As Folio wrote it before roles: no version, admins and editors, one record without a role.
    const passwordHash = await hashPassword('old admin password');
    writeFileSync(
      file,
      JSON.stringify({
        users: [
          { username: 'admin', name: 'Admin', email: 'admin@localhost', passwordHash },
          { username: 'ed', name: 'Ed', email: 'ed@example.com', role: 'editor', passwordHash },
        ],
      }),
    );
  });
  afterAll(() => repo.cleanup());

  it('migrates a file from before roles: a record without a role was the admin', async () => {
    const ctx = await openContext({ repo: repo.dir });
    expect(ctx.users.list().map((u) => [u.username, u.role])).toEqual([
      ['admin', 'admin'],
      ['ed', 'editor'],
    ]);
    const app = createApp(ctx);
    const admin = await signIn(app, 'admin', 'old admin password');
    await admin.get('/api/users').expect(200);
    await signIn(app, 'ed', 'old admin password');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2); // rewritten at the sign-in
  });

  it("FOLIO_ADMIN_PASSWORD keeps the admin's sessions when unchanged and ends them when it changes", async () => {
    const ctx = await openContext({ repo: repo.dir });
    const app = createApp(ctx);
    const agent = await signIn(app, 'admin', 'old admin password');
    await ensureAdmin(ctx.users, 'old admin password');
    await agent.get('/api/session').expect(200);
    await ensureAdmin(ctx.users, 'a new admin password');
    await agent.get('/api/session').expect(401);
    await request(app)
      .post('/api/session')
      .send({ username: 'admin', password: 'a new admin password' })
      .expect(200);
  });

  it('starts afresh from a damaged session file: a sign-in again, never a 500', async () => {
    const ctx = await openContext({ repo: repo.dir });
    const app = createApp(ctx);
    writeFileSync(join(repo.dir, '.git/folio/sessions.json'), '{"version": 1, "sess');
    await request(app).get('/api/entries').set('Cookie', 'folio_session=x').expect(401);
    const agent = await signIn(app, 'admin', 'a new admin password');
    await agent.get('/api/entries').expect(200);
  });

  it('names the file when it cannot be read', async () => {
    writeFileSync(file, '{"users": [');
    await expect(openContext({ repo: repo.dir })).rejects.toThrow(/users\.json.*Fix or delete it/);
  });
});
