// Decap's create: false (its default) and folio.yml's: no new entry in such a collection, by the
// new post form or by duplicating one; the collections list says which collections take new ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { commitCount, expectHealthyRepo } from '../support/repoChecks.ts';
import { openTeam } from '../support/teamFixture.ts';
import { PROJECT_ROOT } from '../support/tempRepo.ts';

// 2i2c's real config with the talks' `create: true` line taken out: Decap then refuses new talks.
const DECAP = readFileSync(join(PROJECT_ROOT, 'test/fixtures/decap/2i2c-config.yml'), 'utf8');
const TALK_FOLDER = "    folder: 'content/talk'\n    path: '{{slug}}/index'\n";
const TALK_CREATE = `${TALK_FOLDER}    create: true  # Allow users to create new documents in this collection\n`;

interface CollectionItem {
  name: string;
  canCreate?: boolean;
}

describe('collections whose schema allows no new entries', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('refuses new talks of a Decap config without create: true, duplicates included', async () => {
    expect(DECAP).toContain(TALK_CREATE);
    const repo = makeFixtureRepo({
      'static/admin/config.yml': DECAP.replace(TALK_CREATE, TALK_FOLDER),
      'content/talk/kubecon/index.md':
        '---\ntitle: KubeCon\nabstract: Clusters.\nlocation: Paris\ndate: 2025-03-19T10:00:00Z\n---\nTalk.\n',
      'content/post/hello/index.md': '---\ntitle: Hello\n---\nHi.\n',
    });
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const before = commitCount(repo.dir);

    const items = (await agents.editor.get('/api/collections').expect(200)).body
      .items as CollectionItem[];
    const byName = new Map(items.map((c) => [c.name, c]));
    expect(byName.get('talk')?.canCreate).toBe(false);
    expect(byName.get('post')?.canCreate).toBe(true);
    expect(byName.get('authors')?.canCreate).toBe(true);

    for (const agent of [agents.editor, agents.admin]) {
      const refused = await agent
        .post('/api/entries')
        .send({ collection: 'talk', title: 'New talk' })
        .expect(403);
      expect(refused.body.error).toMatchObject({
        code: 'forbidden',
        details: {
          reason: 'create_disabled',
          collection: 'talks',
          source: 'static/admin/config.yml',
        },
      });
      expect(refused.body.error.message).toBe(
        'The site\'s schema does not allow new entries in Talks: static/admin/config.yml has no "create: true" for the collection "talks". Set "create: true" there to allow them, or edit an existing entry.',
      );
    }
    // What the Actions menu's Duplicate sends: the same front matter and body under a new slug.
    const duplicate = await agents.editor
      .post('/api/entries')
      .send({
        collection: 'talk',
        slug: 'kubecon-copy',
        frontMatter: {
          title: 'KubeCon (copy)',
          abstract: 'Clusters.',
          location: 'Paris',
          date: '2025-03-19T10:00:00Z',
          draft: true,
        },
        body: 'Talk.\n',
      })
      .expect(403);
    expect(duplicate.body.error.details.reason).toBe('create_disabled');
    // The new post dialog's preview says the same.
    const preview = await agents.editor.get('/api/collections/talk/new?title=x').expect(403);
    expect(preview.body.error.details.reason).toBe('create_disabled');
    // Editing an existing talk still works.
    const talk = await agents.editor
      .get(`/api/entries/${encodeURIComponent('content/talk/kubecon/index.md')}`)
      .expect(200);
    await agents.editor
      .patch(`/api/entries/${encodeURIComponent('content/talk/kubecon/index.md')}`)
      .send({ baseOid: talk.body.oid, set: { location: 'Lyon' } })
      .expect(200);
    expect(commitCount(repo.dir)).toBe(before + 1);
    // Other collections take new entries.
    await agents.editor.get('/api/collections/post/new?title=x').expect(200);
    expectHealthyRepo(repo.dir);
  });

  it('refuses new entries where folio.yml says create: false, and names the file', async () => {
    const repo = makeFixtureRepo({
      'folio.yml':
        'collections:\n  - name: pages\n    label: Pages\n    folder: content/pages\n    create: false\n    fields: [{ name: title, kind: string }]\n  - name: posts\n    folder: content/posts\n    fields: [{ name: title, kind: string }]\n',
      'content/pages/about.md': '---\ntitle: About\n---\n',
      'content/posts/a.md': '---\ntitle: A\n---\n',
    });
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const before = commitCount(repo.dir);
    const items = (await agents.editor.get('/api/collections').expect(200)).body
      .items as CollectionItem[];
    expect(items.map((c) => [c.name, c.canCreate])).toEqual([
      ['pages', false],
      ['posts', true],
    ]);
    const refused = await agents.editor
      .post('/api/entries')
      .send({ collection: 'pages', title: 'Contact' })
      .expect(403);
    expect(refused.body.error.message).toContain(
      'folio.yml has "create: false" for the collection "pages"',
    );
    expect(commitCount(repo.dir)).toBe(before);
    await agents.editor.post('/api/entries').send({ collection: 'posts', title: 'B' }).expect(201);
    expect(commitCount(repo.dir)).toBe(before + 1);
    expectHealthyRepo(repo.dir);
  });

  it('refuses moving or renaming an entry into such a collection, and allows it inside one', async () => {
    const repo = makeFixtureRepo({
      'folio.yml':
        'collections:\n  - name: pages\n    label: Pages\n    folder: content/pages\n    create: false\n    fields: [{ name: title, kind: string }]\n  - name: posts\n    folder: content/posts\n    fields: [{ name: title, kind: string }]\n',
      'content/pages/about.md': '---\ntitle: About\n---\n',
      'content/posts/a.md': '---\ntitle: A\n---\n',
      'content/posts/b/index.md': '---\ntitle: B\n---\n',
      'content/posts/b/cover.png': 'not really a png',
      'content/misc/loose.md': '---\ntitle: Loose\n---\n',
    });
    cleanups.push(repo.cleanup);
    const { agents } = await openTeam(repo.dir);
    const before = commitCount(repo.dir);
    const url = (id: string) => `/api/entries/${encodeURIComponent(id)}`;
    const oidOf = async (id: string) =>
      (await agents.admin.get(url(id)).expect(200)).body.oid as string;
    const message =
      'The site\'s schema does not allow new entries in Pages, so nothing can be moved or renamed into it either: folio.yml has "create: false" for the collection "pages". Set "create: true" there to allow them, or choose another folder.';
    for (const [from, to] of [
      ['content/posts/a.md', 'content/pages/a.md'],
      ['content/posts/b/index.md', 'content/pages/b/index.md'],
      ['content/misc/loose.md', 'content/pages/deeper/loose.md'],
    ] as const) {
      for (const agent of [agents.editor, agents.admin]) {
        const refused = await agent
          .post(`${url(from)}/move`)
          .send({ to, baseOid: await oidOf(from) })
          .expect(403);
        expect(refused.body.error).toMatchObject({
          code: 'forbidden',
          message,
          details: { reason: 'create_disabled', collection: 'pages', source: 'folio.yml' },
        });
      }
    }
    expect(commitCount(repo.dir)).toBe(before);
    // Renaming inside the closed collection, moving out of it and moving elsewhere still work.
    await agents.editor
      .post(`${url('content/pages/about.md')}/move`)
      .send({ to: 'content/pages/about-us.md', baseOid: await oidOf('content/pages/about.md') })
      .expect(200);
    await agents.editor
      .post(`${url('content/posts/a.md')}/move`)
      .send({ to: 'content/misc/a.md', baseOid: await oidOf('content/posts/a.md') })
      .expect(200);
    await agents.editor
      .post(`${url('content/pages/about-us.md')}/move`)
      .send({ to: 'content/posts/about-us.md', baseOid: await oidOf('content/pages/about-us.md') })
      .expect(200);
    expect(commitCount(repo.dir)).toBe(before + 3);
    expectHealthyRepo(repo.dir);
  });
});
