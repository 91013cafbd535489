// The TOML line reader must never disagree with the canonical reader (toml-eslint-parser): on every
// input it either steps aside (null) or gives exactly the canonical data.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readTomlLines } from '../../../shared/frontmatter/tomlLineRead.ts';
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
  fast: readTomlLines,
  canonical: (source) => readToml(source, 0, source.length).data,
};

const EVERYDAY = [
  'title = "Post 0: network build (rev 4)"\ndate = 2023-01-01T10:00:00-03:00\ndraft = false\nfeatured = false\n# toc = false\ntags = ["rust", "go"]\ncategories = ["tutorials"]\nauthors = ["Ana Souza"]\n',
  "title = 'Literal \\ string'\nlastmod = 2024-02-03\nweight = 10\nratio = 1.5 # comment\n",
  'title = "x"\r\ndraft = true\r\naliases = []\r\nweights = [1, 2.5, -3,]\r\nflags = [ true , false ]\r\n',
  'publishDate = 1979-05-27T07:32:00.5+01:00\nexpiryDate = 1979-05-27 07:32:00\nat = 07:32:00\nleap = 2024-02-29\n',
  '\t  title\t=\t"tabs and é ☃ 😀"\t# note\nempty = ""\nquote = "it\'s"\nhash = "# not a comment"\n',
  'big = 9007199254740991\nsmall = -12\nexp = 1.5e-3\nzero = 0\nlist = ["a, b", "c]"]\n',
];

const SPECIAL = [
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

describe('TOML line reader', () => {
  it('reads everyday front matter, exactly as the canonical reader does', () => {
    expectReadFast(PAIR, EVERYDAY);
  });

  it('steps aside or agrees on escapes, special numbers, bad dates, odd lists and errors', () => {
    expectDeclinedOrAgreed(PAIR, SPECIAL);
  });

  it('agrees on the front matter Folio writes, for any data', () => {
    expectAgreementOnWrittenDocuments(PAIR, 5);
  });

  it('agrees on random key = value lines and near misses', () => {
    const value = fc.oneof(
      fc.constantFrom(
        '"text"',
        "'literal'",
        '""',
        '12',
        '-3.5',
        '1e3',
        'true',
        'false',
        '2024-01-02',
        '2024-02-29T10:00:00Z',
        '2023-02-29',
        '2024-01-02 10:00:00.25-03:00',
        '10:00:00',
        '24:00:00',
        '[1, 2]',
        '["a", "b",]',
        '[]',
        '[1, "a"]',
        '{ x = 1 }',
        '+1',
        '-0',
        '1_0',
        '0x1F',
        'inf',
        '"a\\tb"',
        '"""x"""',
      ),
      fc.stringMatching(/^"[^"\\\n\r]{0,8}"$/),
      fc.stringMatching(/^[-+0-9.eE:T _]{1,12}$/),
    );
    const line = fc.oneof(
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom('date', 'title', 'a', 'b-c', 'x_1', '1', 'a.b', '"q"', 'A'),
            fc.constantFrom(' = ', '=', '\t=  '),
            value,
            fc.constantFrom('', ' # note', '#x', ' '),
          )
          .map((parts) => parts.join('')),
        weight: 8,
      },
      fc.constantFrom('[params]', '# comment', '', '  ', 'a = 1 b = 2'),
    );
    const sources = fc
      .tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'))
      .map(([lines, eol]) => lines.join(eol) + eol);
    expectAgreementOn(PAIR, sources, 300);
  });
});
