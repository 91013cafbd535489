// The form follows the site's declared schema (issue 18, point 1): one input per field kind with
// the declared labels and hints, the same validation messages the server gives shown before
// saving (Save waits until they are fixed), unknown keys kept and shown, and a save that writes
// only what the editor changed.
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS, type RunningFolio } from '../support/folioServer.ts';
import { waitForText, waitForValue } from '../support/pageHelpers.ts';
import { commitCount, expectHealthyRepo, fileAtHead } from '../support/repoChecks.ts';
import { describeWithTool } from '../support/requireTool.ts';

const FOLIO_YML = `collections:
  - name: posts
    label: Blog posts
    folder: content/posts
    fields:
      - { name: title, label: Title, kind: string, required: true, hint: What readers see first }
      - name: summary
        label: Summary
        kind: text
        max: 40
      - name: kind
        label: Kind of post
        kind: select
        options: [{ label: News, value: news }, { label: Tutorial, value: tutorial }]
      - { name: day, label: Event day, kind: date }
      - { name: author, label: Author, kind: relation, collection: authors }
      - { name: weight, label: Weight, kind: number, integer: true, max: 100 }
      - { name: internal, kind: hidden }
      - name: links
        label: Link
        kind: list
        fields:
          - { name: label, label: Label, kind: string, required: true }
          - { name: url, label: Address, kind: string, pattern: '^https://', message: Use an https:// address. }
  - name: authors
    label: Authors
    folder: content/authors
    fields:
      - { name: title, kind: string, required: true }
`;
const POST = 'content/posts/hello.md';
const HELLO = [
  '---',
  'title: Hello',
  'kind: news',
  'internal: keep-me',
  'legacy: an old key',
  '---',
  'Hi.',
  '',
].join('\n');

describeWithTool(CHROMIUM, 'browser: the form from the declared schema', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let folio: RunningFolio;
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "Site"\n',
      'folio.yml': FOLIO_YML,
      [POST]: HELLO,
      'content/authors/lucia.md': '---\ntitle: Lúcia\n---\n',
      'content/authors/bea.md': '---\ntitle: Bea\n---\n',
    }),
  );
  beforeAll(() => {
    folio = env.folio;
    browser = env.browsers[0]!;
  });

  it('shows declared labels and inputs, checks before saving, and saves only the changes', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(`/edit/${POST}`);
    await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
    // Labels and hints from folio.yml; the hidden field has no input; the unknown key is shown.
    const title = page.getByRole('textbox', { name: 'Title (required)' });
    expect(await title.inputValue()).toBe('Hello');
    await waitForText(page.locator('.fm-hint').first(), 'What readers see first');
    expect(await page.getByLabel('internal').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'legacy' }).inputValue()).toBe('an old key');
    await waitForText(page.locator('.fm-field', { hasText: 'legacy' }), 'not in the collection');
    // A select of the declared options, a date input, a relation offering the authors.
    const kind = page.getByRole('combobox', { name: 'Kind of post' });
    expect(await kind.inputValue()).not.toBe('');
    await kind.selectOption({ label: 'Tutorial' });
    expect(await page.getByLabel('Event day').getAttribute('type')).toBe('date');
    const author = page.getByRole('combobox', { name: 'Author' });
    const choices = await page.evaluate(
      (id) =>
        [...document.querySelectorAll(`#${CSS.escape(id!)} option`)].map(
          (o) => (o as HTMLOptionElement).value,
        ),
      await author.getAttribute('list'),
    );
    expect(choices).toEqual(['bea', 'lucia']);
    await author.fill('lucia');

    // Breaking the schema: the messages the server would give, under their fields, and no save.
    await title.fill('');
    await page.getByRole('textbox', { name: 'Summary' }).fill('x'.repeat(41));
    await waitForText(page.locator('.fm-issues').first(), 'Title is required.');
    await waitForText(
      page.locator('.fm-field', { hasText: 'Summary' }).locator('.fm-issues'),
      'Summary must be at most 40 characters long.',
    );
    const commits = commitCount(folio.repo);
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await waitForValue(() => save.isDisabled(), true);
    await waitForText(
      page.locator('.editor-page'),
      'Title is required. (and 1 more) Fix it before saving.',
    );
    await page.keyboard.press('Control+s');
    expect(commitCount(folio.repo)).toBe(commits);
    await page.screenshot({ path: artifactPath('schema-form-invalid.png'), fullPage: true });

    // A list of objects: add an item, its nested fields are checked too.
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByRole('textbox', { name: 'Label (required)' }).fill('Docs');
    await page.getByRole('textbox', { name: 'Address' }).fill('http://example.org');
    await waitForText(
      page.locator('.fm-field', { hasText: 'Link' }).locator('.fm-issues'),
      'Use an https:// address.',
    );
    await page.getByRole('textbox', { name: 'Address' }).fill('https://example.org/docs');

    await title.fill('Hello again');
    await page.getByRole('textbox', { name: 'Summary' }).fill('Short.');
    await waitForValue(() => page.locator('.fm-issues').count(), 0);
    await page.screenshot({ path: artifactPath('schema-form-valid.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.getByRole('status'), /Saved as commit/);
    expect(fileAtHead(folio.repo, POST)).toBe(
      [
        '---',
        'title: Hello again',
        'kind: tutorial',
        'internal: keep-me',
        'legacy: an old key',
        'author: lucia',
        'summary: Short.',
        'links:',
        '  - label: Docs',
        '    url: https://example.org/docs',
        '---',
        'Hi.', // fileAtHead trims the final line break
      ].join('\n'),
    );
    expectHealthyRepo(folio.repo);
  });
});
