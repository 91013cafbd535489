// A declared collection with an archetype: the archetype gives the body, the keys' order and their
// values; a declared default fills only a key the archetype leaves unset (absent or empty).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureFiles } from '../support/fixtureRepo.ts';
import { gitCli } from '../support/gitCli.ts';
import { expectHealthyRepo } from '../support/repoChecks.ts';
import { openFolio } from '../support/siteFixture.ts';

const NOW = new Date('2026-03-04T05:06:07Z');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function open(files: FixtureFiles) {
  const repo = makeFixtureRepo(files);
  cleanups.push(repo.cleanup);
  return { dir: repo.dir, folio: await openFolio(repo.dir, { now: () => NOW }) };
}

const fields = `    fields:
      - { name: title, kind: string, required: true }
      - { name: date, kind: datetime, required: true }
      - { name: draft, kind: boolean, default: true }
      - { name: tags, kind: tags, default: [news] }
      - { name: layout, kind: string, default: wide }
      - { name: summary, kind: text }
`;

const SITE: FixtureFiles = {
  'hugo.toml': "title = 'Defaults'\n",
  'folio.yml': `collections:\n  - name: posts\n    folder: content/posts\n${fields}`,
  'content/posts/old.md': '---\ntitle: Old\n---\n',
  'archetypes/posts.md': `---
title: "{{ replace .Name "-" " " | title }}"
series: guides # the archetype's own key
date: {{ .Date }}
draft: false
tags: []
---

## Introduction

Say what the guide is for.
`,
};

describe('a declared collection with an archetype', () => {
  it('keeps the archetype (body, order, values) and fills the keys it leaves unset from the defaults', async () => {
    const { dir, folio } = await open(SITE);
    const preview = await folio.agent
      .get('/api/collections/posts/new')
      .query({ title: 'First Steps', utcOffsetMinutes: 0 })
      .expect(200);
    expect(preview.body).toMatchObject({
      path: 'content/posts/first-steps.md',
      source: 'archetype',
      archetype: 'archetypes/posts.md',
      frontMatter: {
        title: 'First Steps',
        series: 'guides',
        date: '2026-03-04T05:06:07Z',
        draft: false,
        tags: ['news'],
        layout: 'wide',
      },
    });
    expect(preview.body.notes.join(' ')).toMatch(/tags, layout: the defaults of folio\.yml/);
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'posts', title: 'First Steps', utcOffsetMinutes: 0 })
      .expect(201);
    expect(readFileSync(join(dir, created.body.id), 'utf8')).toBe(`---
title: "First Steps"
series: guides # the archetype's own key
date: 2026-03-04T05:06:07Z
draft: false
tags: [news]
layout: wide
---

## Introduction

Say what the guide is for.
`);
    expectHealthyRepo(dir);
    expect(gitCli(dir, ['status', '--porcelain'])).toBe('');
  });

  it("writes the declared format when it is not the archetype's, with the archetype's keys and body", async () => {
    const { dir, folio } = await open({
      ...SITE,
      'folio.yml': `collections:\n  - name: posts\n    folder: content/posts\n    format: toml\n${fields}`,
    });
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'posts', title: 'Second', utcOffsetMinutes: 0 })
      .expect(201);
    expect(readFileSync(join(dir, created.body.id), 'utf8')).toBe(
      '+++\ntitle = "Second"\nseries = "guides"\ndate = 2026-03-04T05:06:07Z\ndraft = false\ntags = ["news"]\nlayout = "wide"\n+++\n\n## Introduction\n\nSay what the guide is for.\n',
    );
    expectHealthyRepo(dir);
  });

  it('uses the declared defaults alone when the collection has no archetype', async () => {
    const { 'archetypes/posts.md': _archetype, ...withoutArchetype } = SITE;
    const { dir, folio } = await open(withoutArchetype);
    const created = await folio.agent
      .post('/api/entries')
      .send({ collection: 'posts', title: 'Third', utcOffsetMinutes: 0 })
      .expect(201);
    expect(readFileSync(join(dir, created.body.id), 'utf8')).toBe(
      '---\ntitle: Third\ndate: 2026-03-04T05:06:07Z\ndraft: true\ntags:\n  - news\nlayout: wide\n---\n',
    );
  });
});
