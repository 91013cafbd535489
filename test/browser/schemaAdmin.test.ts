// Settings -> Schema on a site that declares nothing: the admin sees the folio.yml Folio infers,
// writes it as one commit after a confirmation, and the page then shows the declared schema.
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, signIn } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { waitForValue } from '../support/pageHelpers.ts';
import { commitCount, expectHealthyRepo, fileAtHead, lastCommit } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];

describeWithTool(CHROMIUM, 'browser: writing the inferred schema to folio.yml', () => {
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'hugo.toml': 'title = "Notes"\n',
      'content/posts/first.md':
        '---\ntitle: First\ndate: 2025-04-18T10:00:00-06:00\ndraft: false\nfeatured: true\ntags: [go, hugo]\n---\nBody.\n',
      'content/posts/second.md': '---\ntitle: Second\ndate: 2025-05-01\ntags: [go]\n---\n',
    }),
  );
  beforeAll(async () => {
    const { password, ...user } = ana;
    await env.folio.ctx.users.upsert({ ...user, role: 'admin' }, password);
    const { page } = env.browsers[0]!;
    await page.context().clearCookies();
    await signIn(page, ana.username, ana.password);
  });

  it('shows the inferred folio.yml, confirms what it commits, writes it and shows it declared', async () => {
    const { page } = env.browsers[0]!;
    const before = commitCount(env.folio.repo);
    await page.goto('/settings/schema');
    await page.getByRole('heading', { name: 'Inferred schema' }).waitFor();
    const preview = page.getByLabel('The folio.yml Folio would write');
    const expected = await env.folio.ctx.services.schemaWriter.preview();
    await waitForValue(() => preview.innerText(), expected);
    await page.screenshot({ path: artifactPath('schema-inferred.png'), fullPage: true });

    await page.getByRole('button', { name: 'Write to folio.yml' }).click();
    const dialog = page.getByRole('dialog', { name: 'Write folio.yml?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(
      'in one commit “Write the inferred schema to folio.yml” authored by you',
    );
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(commitCount(env.folio.repo)).toBe(before);

    await page.getByRole('button', { name: 'Write to folio.yml' }).click();
    await page.screenshot({ path: artifactPath('schema-inferred-confirm.png') });
    await dialog.getByRole('button', { name: 'Write folio.yml' }).click();
    const toast = page
      .locator('.toast-region')
      .getByText(/^Wrote folio\.yml in commit [0-9a-f]{7}\./);
    await toast.waitFor();
    await page.getByText('Declared in folio.yml.').waitFor();
    await page.getByText('The site declares its schema in folio.yml').waitFor();
    await page
      .getByRole('table', { name: 'Fields of Posts' })
      .getByRole('rowheader', { name: 'tags' })
      .waitFor();

    expect(commitCount(env.folio.repo)).toBe(before + 1);
    const commit = lastCommit(env.folio.repo);
    expect(commit.subject).toBe('Write the inferred schema to folio.yml');
    expect(commit.author).toBe(ana.name);
    expect(await toast.innerText()).toContain(commit.oid.slice(0, 7));
    expect(fileAtHead(env.folio.repo, 'folio.yml')).toBe(expected.trimEnd());
    expectHealthyRepo(env.folio.repo);

    await page.screenshot({ path: artifactPath('schema-declared.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('heading', { name: 'Inferred schema' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('schema-declared-phone-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describeWithTool(CHROMIUM, 'browser: the inferred schema on a phone, in the dark theme', () => {
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'content/posts/only.md': '---\ntitle: Only\ndraft: true\n---\n',
    }),
  );
  beforeAll(async () => {
    const { password, ...user } = ana;
    await env.folio.ctx.users.upsert({ ...user, role: 'admin' }, password);
    const { page } = env.browsers[0]!;
    await page.context().clearCookies();
    await signIn(page, ana.username, ana.password);
  });

  it('keeps the preview inside the screen and the button reachable', async () => {
    const { page } = env.browsers[0]!;
    await page.setViewportSize({ width: 390, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/settings/schema');
    const button = page.getByRole('button', { name: 'Write to folio.yml' });
    await button.scrollIntoViewIfNeeded();
    const box = await page.getByLabel('The folio.yml Folio would write').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifactPath('schema-inferred-phone-dark.png'), fullPage: true });
    await button.click();
    await page.getByRole('dialog', { name: 'Write folio.yml?' }).waitFor();
    await page.screenshot({ path: artifactPath('schema-inferred-confirm-phone-dark.png') });
  });
});
