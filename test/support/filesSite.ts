// A site for files collections: 2i2c's real Decap config (a "pages" files collection with
// content/privacy.md and content/terms.md) plus a collection of data files and, on its posts, a
// summary and view filters as Decap's documentation writes them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFixtureRepo } from './fixtureRepo.ts';
import { PROJECT_ROOT } from './tempRepo.ts';

const REAL = readFileSync(join(PROJECT_ROOT, 'test/fixtures/decap/2i2c-config.yml'), 'utf8');
const POSTS = "    folder: 'content/post'\n";
const LIST_SETTINGS = `${POSTS}    summary: "{{title}} – {{year}}-{{month}}"
    view_filters:
      - {label: "Alice's and Bob's posts", field: author, pattern: 'Alice|Bob'}
      - {label: Posts published in 2020, field: date, pattern: '2020'}
      - {label: Drafts, field: draft, pattern: true}
      - {label: By city, field: place.city, pattern: Paris}
`;
const SETTINGS = `
  - name: settings
    label: Settings
    files:
      - name: menu
        label: Menu
        file: data/menu.yml
        fields:
          - {label: Menu title, name: title, widget: string}
          - {label: Items, name: main, widget: list, fields: [{name: name, widget: string}, {name: url, widget: string}]}
      - name: site
        label: Site settings
        file: hugo.toml
        fields:
          - {label: Site title, name: title, widget: string}
          - label: Parameters
            name: params
            widget: object
            fields:
              - {label: Description, name: description, widget: text, pattern: ['^.{0,40}$', 'At most 40 characters']}
      - name: social
        label: Social links
        file: data/social.json
        fields:
          - {label: Twitter, name: twitter, widget: string, default: '@site'}
`;
const CONFIG = REAL.replace(POSTS, LIST_SETTINGS) + SETTINGS;

/** data/menu.yml as committed. */
export const MENU =
  '# The main menu (kept by Folio)\ntitle: Main menu\nmain:\n  - name: Home # first\n    url: /\n';
/** hugo.toml as committed. */
export const HUGO =
  '# Site config\nbaseURL = "https://example.org/"\ntitle = "Example"\n\n[params]\n  # shown in the footer\n  description = "An example"\n  author = "Me"\n';

/** A repository holding the files-collection site. */
export function filesSite() {
  return makeFixtureRepo({
    'static/admin/config.yml': CONFIG,
    'hugo.toml': HUGO,
    'data/menu.yml': MENU,
    'content/privacy.md': '---\ntitle: Privacy\n# legal\ndraft: false\n---\nWe keep nothing.\n',
    'content/post/hello/index.md':
      '---\ntitle: Hello\ndate: 2020-04-18T10:00:00-06:00\nauthor: Alice\n---\nHi.\n',
    'content/post/later/index.md':
      '---\ntitle: Later\ndate: 2021-01-02T10:00:00Z\nauthor: Carol\ndraft: true\n---\nSoon.\n',
  });
}
