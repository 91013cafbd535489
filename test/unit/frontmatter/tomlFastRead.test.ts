// The fast TOML readers (the line reader, smol-toml) must never disagree with the canonical one
// (toml-eslint-parser): on every input they either step aside (null) or give exactly its data.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readTomlDataFast } from '../../../shared/frontmatter/tomlFastRead.ts';
import { readTomlLines } from '../../../shared/frontmatter/tomlLineRead.ts';
import { readToml } from '../../../shared/frontmatter/tomlRead.ts';
import {
  type ReaderPair,
  expectAgreementOn,
  expectAgreementOnWrittenDocuments,
  expectDeclinedOrAgreed,
  expectReadFast,
} from './differential.ts';

const canonical: ReaderPair['canonical'] = (source) => readToml(source, 0, source.length).data;

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
  'a = "line\\nbreak"\n',
  'a = "\\u00e9"\n',
  'a = +1\n',
  'a = -0\n',
  'a = -0.0\n',
  'a = 1_000\n',
  'a = 0x1F\n',
  'a = inf\n',
  'a = nan\n',
  'a = 01\n',
  'a = 1.\n',
  'a = .5\n',
  'a = 1e400\n',
  'a = 9007199254740992\n',
  'a = 2023-02-29\n',
  'a = 2024-02-30\n',
  'a = 1900-02-29\n',
  'a = 2000-02-29\n',
  'a = 0000-02-29\n',
  'a = 2024-13-01\n',
  'a = 2024-00-10\n',
  'a = 10:60:00\n',
  'a = 23:59:60\n',
  'a = 24:00:00\n',
  'a = 2024-01-01T10:00:00+24:00\n',
  'a = 2024-01-01T10:00:00+23:60\n',
  'a = 2024-01-01t10:00:00z\n',
  'a = 9999-12-31T23:59:59.999999999Z\n',
  'a = 2024-01-01T10:00\n',
  'a = [1, "a"]\n',
  'a = [[1]]\n',
  'a = [2024-01-01]\n',
  'a = [1, 2\n',
  'a = [1,, 2]\n',
  'a = [,]\n',
  'a = ["a" "b"]\n',
  'a = "a" "b"\n',
  'a = "a" # c\n',
  "a = 'a' b\n",
  'a = true false\n',
  'a = \n',
  '= 1\n',
  'a = 1\na = 2\n',
  'a.b = 1\n',
  '"a" = 1\n',
  'a b = 1\n',
  'a = """x"""\n',
  "a = '''x'''\n",
  'a = "unclosed\n',
  '[t]\na = 1\n',
  'a = 1\n[t]\nb = 2\n',
  'a = { b = 1 }\n',
  '__proto__ = 1\n',
  'constructor = 1\n',
  'a = "\\ud800"\n',
  'a = "\u0001"\n',
  'a = 1\rb = 2\n',
  '\ufeffa = 1\n',
  '# only a comment\n',
  '',
];

// What most TOML posts hold, which the line reader must take too.
const PLAINEST = [
  'title = "Post 0: network build (rev 4)"\ndate = 2023-01-01T10:00:00-03:00\ndraft = false\nfeatured = false\n# toc = false\ntags = ["rust", "go"]\ncategories = ["tutorials"]\nauthors = ["Ana Souza"]\n',
  "title = 'Literal \\ string'\nlastmod = 2024-02-03\nweight = 10\nratio = 1.5 # comment\n",
  'title = "x"\r\ndraft = true\r\naliases = []\r\nweights = [1, 2.5, -3,]\r\nflags = [ true , false ]\r\n',
  'publishDate = 1979-05-27T07:32:00.5+01:00\nexpiryDate = 1979-05-27 07:32:00\nat = 07:32:00\nleap = 2024-02-29\n',
  '\t  title\t=\t"tabs and é ☃ 😀"\t# note\nempty = ""\nquote = "it\'s"\nhash = "# not a comment"\n',
  'big = 9007199254740991\nsmall = -12\nexp = 1.5e-3\nzero = 0\nlist = ["a, b", "c]"]\n',
];

const READERS: { name: string; pair: ReaderPair; everyday: string[]; accepts: number[] }[] = [
  {
    name: 'line reader',
    pair: { format: 'toml', fast: readTomlLines, canonical },
    everyday: PLAINEST,
    // Minimum accepted: written documents, token soup (agreement only), random lines.
    accepts: [5, -1, 100],
  },
  {
    name: 'smol-toml reader',
    pair: { format: 'toml', fast: readTomlDataFast, canonical },
    everyday: [...EVERYDAY, ...PLAINEST],
    accepts: [100, 20, 200],
  },
];

describe.each(READERS)('fast TOML $name', ({ pair: PAIR, everyday, accepts }) => {
  it('reads everyday front matter, exactly as the canonical reader does', () => {
    expectReadFast(PAIR, everyday);
  });

  it('steps aside or agrees on dates elsewhere, duplicates, special numbers and errors', () => {
    expectDeclinedOrAgreed(PAIR, SPECIAL);
  });

  it('agrees on the front matter Folio writes, for any data', () => {
    expectAgreementOnWrittenDocuments(PAIR, accepts[0]!);
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
    expectAgreementOn(PAIR, sources, accepts[1]!);
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
      '""',
      '1e3',
      '2023-02-29',
      '24:00:00',
      '["a", "b",]',
      '[1, "a"]',
      '+1',
      '-0',
      '1_0',
      '0x1F',
      'inf',
      '"a\\tb"',
      '"""x"""',
    );
    const line = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('date', 'title', 'a', 'b.c', '"q"', 'lastmod', 'tags', 'b-c', 'x_1', '1'),
          value,
          fc.option(fc.constantFrom(' # note', '#x')),
        )
        .map(([key, v, comment]) => `${key} = ${v}${comment ?? ''}`),
      fc.constantFrom('[params]', '[[items]]', '[a.b]', '# comment', ''),
    );
    const sources = fc
      .tuple(fc.array(line, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'))
      .map(([parts, eol]) => parts.join(eol) + eol);
    expectAgreementOn(PAIR, sources, accepts[2]!);
  });
});
