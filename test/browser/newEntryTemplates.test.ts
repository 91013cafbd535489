// The new post dialog shows the server's path (archetypes, a site in a subfolder, declared
// templates), and Settings -> Schema lists a Decap config's collections and problems.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, signIn } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { waitForValue } from '../support/pageHelpers.ts';
import { expectHealthyRepo, fileAtHead } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';
import { PROJECT_ROOT } from '../support/tempRepo.ts';

const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];

async function openDialog(page: import('playwright-core').Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'New post' }).click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.waitFor();
  return dialog;
}

describeWithTool(CHROMIUM, 'browser: the first post of an empty site, from its archetype', () => {
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'hugo.toml': 'title = "Empty"\nbaseURL = "https://example.org/"\n',
      'archetypes/posts.md':
        '---\ntitle: "{{ replace .Name "-" " " | title }}"\ndate: {{ .Date }}\ndraft: true\nseries: "{{ .Site.Title }}"\nauthor: "{{ .Site.Params.nobody }}"\n---\nWrite here.\n',
      'content/.gitkeep': '',
    }),
  );

  it('offers the archetype section, shows its path and notes, and creates the post from it', async () => {
    const { page } = env.browsers[0]!;
    const dialog = await openDialog(page);
    expect(await dialog.getByLabel('Collection').inputValue()).toBe('posts');
    await dialog.getByLabel('Title').fill('First light');
    const help = dialog.locator('[id$="-slug-help"]');
    await waitForValue(() => help.innerText(), 'File: content/posts/first-light.md');
    await dialog.getByText('Starts from the site’s archetype archetypes/posts.md').waitFor();
    await dialog.getByText(/does not evaluate \{\{ \.Site\.Params\.nobody \}\}/).waitFor();
    await page.screenshot({ path: artifactPath('new-post-archetype.png') });
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await waitForValue(() => new URL(page.url()).pathname, '/edit/content/posts/first-light.md');
    const text = fileAtHead(env.folio.repo, 'content/posts/first-light.md');
    expect(text).toMatch(
      /^---\ntitle: "First light"\ndate: \d{4}-.*\ndraft: true\nseries: "Empty"\nauthor: ""\n---\nWrite here.$/,
    );
    expectHealthyRepo(env.folio.repo);
  });

  it('takes a section the editor types, and shows where its post goes', async () => {
    const { page } = env.browsers[0]!;
    const dialog = await openDialog(page);
    await dialog.getByLabel('Title').fill('Day one');
    await dialog.getByLabel('Collection').selectOption({ label: 'New section…' });
    await dialog.getByLabel('Section name').fill('Journal');
    const help = dialog.locator('[id$="-slug-help"]');
    await waitForValue(() => help.innerText(), 'File: content/journal/day-one.md (a new section)');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await waitForValue(() => new URL(page.url()).pathname, '/edit/content/journal/day-one.md');
    expect(fileAtHead(env.folio.repo, 'content/journal/day-one.md')).toMatch(/title: Day one/);
    expectHealthyRepo(env.folio.repo);
  });
});

describeWithTool(CHROMIUM, 'browser: a site in a subfolder with a declared path template', () => {
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'README.md': '# Project\n',
      'folio.yml':
        "collections:\n  - name: posts\n    folder: website/content/posts\n    path: '{{year}}/{{slug}}'\n    fields:\n      - { name: title, kind: string }\n      - { name: draft, kind: boolean, default: true }\n",
      'website/hugo.toml': 'title = "Docs"\n',
      'website/content/posts/2025/old.md': '---\ntitle: Old\n---\n',
    }),
  );

  it('shows the templated path in the site folder, and creates the post exactly there', async () => {
    const { page } = env.browsers[0]!;
    const year = new Date().getFullYear();
    const dialog = await openDialog(page);
    await dialog.getByLabel('Title').fill('Ação rápida');
    const help = dialog.locator('[id$="-slug-help"]');
    await waitForValue(
      () => help.innerText(),
      `File: website/content/posts/${year}/acao-rapida.md`,
    );
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: artifactPath('new-post-template-phone.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    const id = `website/content/posts/${year}/acao-rapida.md`;
    await waitForValue(() => new URL(page.url()).pathname, `/edit/${id}`);
    expect(fileAtHead(env.folio.repo, id)).toBe('---\ntitle: Ação rápida\ndraft: true\n---');
    expectHealthyRepo(env.folio.repo);
  });
});

describeWithTool(CHROMIUM, 'browser: Settings -> Schema', () => {
  const decap = readFileSync(join(PROJECT_ROOT, 'test/fixtures/decap/2i2c-config.yml'), 'utf8');
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'static/admin/config.yml': decap,
      'content/authors/ana/_index.md': '---\ntitle: Ana\n---\n',
    }),
  );
  beforeAll(async () => {
    const { password, ...user } = ana;
    await env.folio.ctx.users.upsert({ ...user, role: 'admin' }, password);
    // A new role ends the editor's session: sign in again as the admin.
    const { page } = env.browsers[0]!;
    await page.context().clearCookies();
    await signIn(page, ana.username, ana.password);
  });

  it('lists where the schema comes from, its collections and fields, and every problem', async () => {
    const { page } = env.browsers[0]!;
    const schema = await env.folio.ctx.services.schema.current();
    expect(schema.problems.length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Site schema' }).waitFor();
    await page.getByText('Read from static/admin/config.yml, a Decap/Sveltia CMS config').waitFor();
    const problems = page.locator('.schema-problems li');
    await waitForValue(() => problems.count(), schema.problems.length);
    for (const [k, problem] of schema.problems.entries())
      expect(await problems.nth(k).innerText()).toBe(
        `${problem.path || '(the whole file)'}\n${problem.message}`,
      );
    for (const collection of schema.collections)
      await page
        .getByRole('heading', { name: new RegExp(`^${collection.label ?? collection.name}`) })
        .first()
        .waitFor();
    const authors = page.getByRole('table', { name: 'Fields of Authors' });
    await authors.getByRole('rowheader', { name: 'social.icon_pack' }).waitFor();
    await page.screenshot({ path: artifactPath('settings-schema.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: artifactPath('settings-schema-phone.png') });
  });
});
