// The fast YAML readers (the line reader, then js-yaml) must never disagree with the canonical one
// (the `yaml` package): on every input each either steps aside (null) or gives the canonical data.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readYamlDataFast } from '../../../shared/frontmatter/yamlFastRead.ts';
import { readYamlLines } from '../../../shared/frontmatter/yamlLineRead.ts';
import { readYaml } from '../../../shared/frontmatter/yamlRead.ts';
import {
  type ReaderPair,
  expectAgreementOn,
  expectAgreementOnWrittenDocuments,
  expectDeclinedOrAgreed,
  expectReadFast,
} from './differential.ts';

const canonical = (source: string) => readYaml(source, 0, source.length).data;

// Front matter as people write it, which the js-yaml reader must take (else it saves nothing).
const EVERYDAY = [
  'title: "Post 1: build infrastructure (rev 3)"\ndate: 2024-02-02T10:00:00-03:00\ndraft: false\n',
  "title: 'It''s here'\ntags:\n  - go\n  - security\ncategories: [engineering, ops]\n",
  'title: Plain title, with commas - and a:colon\nweight: 10\nfeatured: yes\npinned: off\n# comment\n',
  'description: >\n  Folded text\n  over lines\nsummary: |\n  Literal\n  text\n',
  'params:\n  author: Ana\n  images:\n    - a.png\n    - b.png\nmenu:\n  main:\n    weight: 2\n',
  'authors:\n- Bruno Lima\n- Carla Ruiz\nlastmod: 2024-03-01\nslug: hello-world\n',
  'title: "Unicode \\u00e9 and emoji 🎉"\nempty:\nnull_value: ~\nhex: 0x1F\noctal: 017\n',
  'title: "2024"\nlist: []\nmap: {}\nflow: {a: 1, b: [x, y]}\n',
  'y: 1\n"quoted key": 2\n1.0: float key\n~: tilde key\n0x10: hex key\n',
];

// What most posts hold, which the line reader must take too.
const PLAINEST = [
  EVERYDAY[0]!,
  EVERYDAY[1]!,
  EVERYDAY[2]!,
  EVERYDAY[5]!,
  'title: Post\r\ndate: 2024-05-05T10:00:00-03:00\r\ntags:\r\n- a\r\n',
  "title: x # note\ntags: [go, \"ops\", 'it''s', 12, yes] # list\nempty: []\nnone: ~\n",
  'params:\n  x: 1\n  nested:\n    deep: -2.5\n  after: true\nlast:\n',
  'title: Hello [world], {braces} & a#hash ok\nurl: https://example.org/a?b=1#c\n',
  'title: "Ünïcödé 🎉"\nslug: ÿ-é\nnbsp: \u00a0x\u00a0\nflow: [\u00a0a]\n',
];

const READERS: { name: string; pair: ReaderPair; everyday: string[]; accepts: number[] }[] = [
  {
    name: 'line reader',
    pair: { format: 'yaml', fast: readYamlLines, canonical },
    everyday: PLAINEST,
    // These generators rarely make the plainest YAML (a few in thousands, sometimes none), so here
    // they check agreement only; yamlLineRead.test.ts checks that it reads what it should.
    accepts: [-1, -1, -1],
  },
  {
    name: 'js-yaml reader',
    pair: { format: 'yaml', fast: readYamlDataFast, canonical },
    everyday: EVERYDAY,
    // Minimum accepted: written documents, random lines, token soup.
    accepts: [100, 50, 20],
  },
];

// Everything the canonical reader refuses or reads specially: the fast readers must step aside.
const SPECIAL = [
  'base: &b {a: 1}\nother: *b\n',
  'base: &b {a: 1}\nother:\n  <<: *b\n  c: 2\n',
  '<<: {a: 1}\n',
  'n: !!int 12\n',
  'n: !!float 1\n',
  'b: !!bool yes\n',
  'x: !custom value\n',
  'x: !!binary aGVsbG8=\n',
  'x: !!set {a, b}\n',
  '? [a, b]\n: c\n',
  '[a, b]: c\n',
  '{a: 1}: c\n',
  '? complex\n: value\n',
  'a: 1\na: 2\n',
  'a: 1\n"a": 2\n',
  '__proto__: {polluted: true}\n',
  'constructor: x\n',
  'x: "\\ud800"\n',
  'x: .nan\n',
  'x: -.inf\n',
  'x: 1e400\n',
  '- a\n- b\n',
  'just a scalar\n',
  '"quoted scalar"\n',
  'a: b: c\n',
  'a: [b\n',
  "a: 'x\n",
  'a: @x\n',
  'a: `x\n',
  'a: %x\n',
  'a:\n\t- tab\n',
  'a:\tb\n',
  'a: 1\n b: 2\n',
  '- a\nb: c\n',
  'a: |\n  x\n y\n',
  'a: 1\n---\nb: 2\n',
  'a: 1\n...\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: "x" y\n',
  'a: [1, 2]]\n',
  'a: {b: 1}}\n',
  'a: b #c\nd: e#f\n',
  'a: -\nb: --\n',
  'a: ? b\n',
  'a: [? b : c]\n',
  `${'a:\n  '.repeat(70)}x\n`,
  `a: ${'['.repeat(70)}${']'.repeat(70)}\n`,
  'a: *undefined\n',
  'a: &x\nb: *x\n',
  'a: &x 1\nb: *x\n',
  '!!map {a: 1}\n',
  '!!str a: b\n',
  'a: !<tag:yaml.org,2002:str> 1\n',
  'a: ! 1\n',
  'a: !!str\n',
  'a: !!null\n',
  'title: multi\n  line plain\n  scalar\nnext: value\n',
  'title: "multi\n  line"\n',
  '  title: "multi\n  line"\n',
  'tags: [a,\n  b]\n',
  'a: |\nnot indented\n',
  'a:\r  b\r',
];

describe.each(READERS)('fast YAML $name', ({ pair: PAIR, everyday, accepts }) => {
  it('reads everyday front matter, exactly as the canonical reader does', () => {
    expectReadFast(PAIR, everyday);
  });

  it('steps aside or agrees on aliases, merges, tags, complex keys, errors and limits', () => {
    expectDeclinedOrAgreed(PAIR, SPECIAL);
  });

  it('agrees on the front matter Folio writes, for any data', () => {
    expectAgreementOnWrittenDocuments(PAIR, accepts[0]!);
  });

  it('agrees on random lines of keys, list items, values and comments at random indentation', () => {
    const value = fc.constantFrom(
      '',
      'text',
      'two words',
      '"double \\" quoted"',
      "'single '' quoted'",
      '"multi\n  line"',
      'plain\n  continued',
      '|',
      '|-',
      '>',
      '|2',
      '[a, b]',
      '{a: 1}',
      '[]',
      '{}',
      'true',
      'no',
      '12',
      '-3.5',
      '0o17',
      '2024-01-02',
      '~',
      'a#b',
      'a #b',
      'x: y',
      '- z',
      'https://example.org/a?b#c',
    );
    const line = fc
      .tuple(
        fc.nat(6),
        fc.boolean(),
        fc.option(fc.constantFrom('title', 'tags', 'a', 'b', 'params', 'y', '"q"', "'s'", '1')),
        value,
        fc.option(fc.constantFrom(' # note', '#x', '  # spaced')),
      )
      .map(([indent, item, key, v, comment]) => {
        const head = ' '.repeat(indent) + (item ? '- ' : '') + (key === null ? '' : `${key}: `);
        return head + v + (comment ?? '');
      });
    const sources = fc.array(line, { maxLength: 12 }).map((parts) => parts.join('\n') + '\n');
    expectAgreementOn(PAIR, sources, accepts[1]!);
  });

  it('agrees on token soup: random mixes of YAML syntax', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      'key',
      ':',
      ': ',
      '- ',
      '-',
      '\n',
      '\r\n',
      '  ',
      ' ',
      '\t',
      '"',
      "'",
      '"x"',
      "'y'",
      '\\',
      '\\u00e9',
      '[',
      ']',
      '{',
      '}',
      ', ',
      '#',
      ' #',
      '|',
      '>',
      '|-',
      '>+',
      '&x ',
      '*x',
      '!!str ',
      '!!int ',
      '! ',
      '? ',
      'true',
      'yes',
      '1',
      '0x1',
      '1.5',
      '~',
      'null',
      '<<',
      '...',
      '---',
      '%',
      '@',
      '`',
      'é',
      '🎉',
      '__proto__',
    );
    const sources = fc.array(token, { maxLength: 40 }).map((parts) => parts.join(''));
    expectAgreementOn(PAIR, sources, accepts[2]!);
  });
});
