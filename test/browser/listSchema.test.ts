// The list follows the declared schema: a select field is a filter with its options and filters
// the list (in the URL, a removable chip), the collection's default sort applies, and rows show
// the declared columns with their labels.
import { beforeAll, expect, it } from 'vitest';
import { artifactPath, CHROMIUM, type BrowserSession } from '../support/chromium.ts';
import { makeFixtureRepo } from '../support/fixtureRepo.ts';
import { useFolioBrowsers } from '../support/folioBrowsers.ts';
import { BROWSER_USERS } from '../support/folioServer.ts';
import { postRow, waitForValue } from '../support/pageHelpers.ts';
import { describeWithTool } from '../support/requireTool.ts';

const FOLIO_YML = `collections:
  - name: posts
    label: Blog posts
    folder: content/posts
    sort: { field: weight, order: asc }
    columns: [kind, weight, level]
    fields:
      - { name: title, kind: string }
      - name: kind
        kind: select
        label: Kind of post
        options: [{ label: News, value: news }, { label: Tutorial, value: tut }]
      - { name: weight, kind: number, label: Weight }
      - name: level
        kind: select
        filter: false
        options: [{ label: Advanced, value: adv }, { label: For beginners, value: beg }]
`;

const post = (title: string, kind: string, weight: number, date: string, level = 'adv') =>
  `---\ntitle: ${title}\ndate: ${date}\nkind: ${kind}\nweight: ${weight}\nlevel: ${level}\n---\nBody.\n`;

describeWithTool(CHROMIUM, 'browser: the list from the schema', () => {
  const [ana] = BROWSER_USERS as [(typeof BROWSER_USERS)[0]];
  let browser: BrowserSession;
  const env = useFolioBrowsers([ana], undefined, () =>
    makeFixtureRepo({
      'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "Site"\n',
      'folio.yml': FOLIO_YML,
      'content/posts/a.md': post('Alpha release notes', 'news', 2, '2024-01-03'),
      'content/posts/b.md': post('Beginner guide', 'tut', 1, '2024-01-01', 'beg'),
      'content/posts/c.md': post('Changelog', 'news', 3, '2024-01-02'),
    }),
  );
  beforeAll(() => {
    browser = env.browsers[0]!;
  });

  it('filters by a declared select, sorts by the default and shows the columns', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1100, height: 800 });
    await postRow(page, 'Beginner guide').waitFor();
    // Default sort: weight ascending, and the menu says so.
    const titles = async () => (await page.locator('.post-title').allInnerTexts()).join(' | ');
    await waitForValue(titles, 'Beginner guide | Alpha release notes | Changelog');
    const sort = page.getByRole('combobox', { name: 'Sort' });
    expect(await sort.locator('option:checked').innerText()).toBe('Weight, low to high');
    // Columns with their labels, a select's value shown as its option's label.
    const row = postRow(page, 'Beginner guide');
    expect(await row.locator('.post-column').allInnerTexts()).toEqual([
      'Kind of post\nTutorial',
      'Weight\n1',
      'Level\nFor beginners',
    ]);
    await page.getByRole('button', { name: /^Filters/ }).click();
    const kind = page.getByRole('combobox', { name: 'Kind of post' });
    expect(await kind.locator('option').allInnerTexts()).toEqual(['Any', 'News', 'Tutorial']);
    await kind.selectOption('news');
    await waitForValue(() => new URL(page.url()).searchParams.get('field.kind'), 'news');
    await waitForValue(titles, 'Alpha release notes | Changelog');
    await page.screenshot({ path: artifactPath('list-schema-desktop.png') });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: artifactPath('list-schema-phone.png') });
    await page.setViewportSize({ width: 1100, height: 800 });
    // The chip when the panel is folded, removed with its button.
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByRole('button', { name: 'Remove the filter Kind of post: News' }).click();
    await waitForValue(titles, 'Beginner guide | Alpha release notes | Changelog');
    // A select the panel does not offer (filter: false), filtered from the URL by its value: the
    // chip names the option's label.
    await page.goto('/?field.level=beg');
    await waitForValue(titles, 'Beginner guide');
    await page
      .getByRole('button', { name: 'Remove the filter Level: For beginners' })
      .waitFor({ timeout: 5000 });
    await page.screenshot({ path: artifactPath('list-schema-option-labels.png') });
  });
});
