// The fast TOML reader (smol-toml) must never disagree with the canonical one (toml-eslint-parser):
// on every input it either steps aside (null) or gives exactly the canonical data.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readTomlDataFast } from '../../../shared/frontmatter/tomlFastRead.ts';
import { readToml } from '../../../shared/frontmatter/tomlRead.ts';
import {
  type ReaderPair,
  expectAgreementOn,
  expectAgreementOnWrittenDocuments,
  expectDeclinedOrAgreed,
  expectReadFast,
} from './differential.ts';

const PAIR: ReaderPair = {
  format: 'toml',
  fast: readTomlDataFast,
  canonical: (source) => readToml(source, 0, source.length).data,
};

const EVERYDAY = [
  'title = "Post 0: network build (rev 4)"\ndate = 2023-01-01T10:00:00-03:00\ndraft = false\ntags = ["rust", "go"]\n',
  "title = 'Literal \\\\ string'\nlastmod = 2024-02-03\nweight = 10\nratio = 1.5\n# comment\n",
  'date = 1979-05-27 07:32:00Z\npublishDate = 1979-05-27T07:32:00.5+01:00\nexpiryDate = 1979-05-27T07:32:00\n',
  'title = "x"\n[params]\nauthor = "Ana"\nimages = ["a.png", "b.png"]\n[[resources]]\nsrc = "a.jpg"\n',
  'menu.main.weight = 2\nflow = { a = 1, b = [1, 2] }\n"quoted key" = "\\u00e9"\n',
];

const SPECIAL = [
  'date = 2024-01-01\ndate = 2024-01-02\n',
  'a = 1\na = 2\n',
  '[t]\n[t]\n',
  'x = inf\n',
  'y = nan\n',
  'big = 9007199254740993\n',
  'hex = 0xDEADBEEF\n',
  'text = """\nmulti\nline"""\n',
  "text = '''\nraw\n'''\n",
  'd = { when = 2024-01-01 }\n',
  'dates = [2024-01-01, 2024-01-02]\n',
  '[params]\ndate = 2024-01-01\n',
  'a.date = 2024-01-01\n',
  'date = 2024-01-01T10:00:00-03:00 # published\n',
  'time = 07:32:00\n',
  'time = 07:32:00.123456\n',
  'date = 2024-13-45\n',
  'x = \n',
  '= 1\n',
  'a = "unclosed\n',
  '__proto__ = 1\n',
  '[constructor]\nx = 1\n',
  'a = [1, "mixed"]\n',
  's = "\\ud800"\n',
  'k = true\nK = false\n',
  'a = { b = 1, b = 2 }\n',
  'a = 1 b = 2\n',
  '[a]\nb = 1\n[a.b]\nc = 2\n',
  'x = 1_000\ny = +0.0\nz = -0.0\nw = 1e3\n',
];

describe('fast TOML reader', () => {
  it('reads everyday front matter, exactly as the canonical reader does', () => {
    expectReadFast(PAIR, EVERYDAY);
  });

  it('steps aside or agrees on dates elsewhere, duplicates, special numbers and errors', () => {
    expectDeclinedOrAgreed(PAIR, SPECIAL);
  });

  it('agrees on the front matter Folio writes, for any data', () => {
    expectAgreementOnWrittenDocuments(PAIR, 100);
  });

  it('agrees on token soup: random mixes of TOML syntax', () => {
    const token = fc.constantFrom(
      'a',
      'date',
      'b.c',
      '"q k"',
      "'lit'",
      ' = ',
      '=',
      '\n',
      '\r\n',
      ' ',
      '\t',
      '"x"',
      '"\\u00e9"',
      '"\\',
      "'",
      '"""',
      '[',
      ']',
      '[[',
      ']]',
      '{',
      '}',
      ', ',
      '#',
      ' # c',
      'true',
      'false',
      '1',
      '-0',
      '1.5',
      '1e3',
      'inf',
      '0x1F',
      '1_0',
      '2024-01-02',
      'T10:00:00',
      ' 10:00:00',
      'Z',
      '-03:00',
      '.5',
      '07:32:00',
      '__proto__',
      'é',
    );
    const sources = fc.array(token, { maxLength: 30 }).map((parts) => parts.join(''));
    expectAgreementOn(PAIR, sources, 20);
  });

  it('agrees on random key = value lines and tables', () => {
    const value = fc.constantFrom(
      '"text"',
      "'literal'",
      '12',
      '-3.5',
      'true',
      '2024-01-02',
      '2024-01-02T10:00:00Z',
      '2024-01-02 10:00:00.25-03:00',
      '2024-01-02T10:00:00',
      '10:00:00',
      '[1, 2]',
      '["a", "b"]',
      '[2024-01-02]',
      '{ x = 1 }',
      '{ d = 2024-01-02 }',
      '[]',
      '{}',
    );
    const line = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('date', 'title', 'a', 'b.c', '"q"', 'lastmod', 'tags'),
          value,
          fc.option(fc.constantFrom(' # note', '#x')),
        )
        .map(([key, v, comment]) => `${key} = ${v}${comment ?? ''}`),
      fc.constantFrom('[params]', '[[items]]', '[a.b]', '# comment', ''),
    );
    const sources = fc.array(line, { maxLength: 10 }).map((parts) => parts.join('\n') + '\n');
    expectAgreementOn(PAIR, sources, 200);
  });
});
