import { describe, expect, it } from 'vitest';
import { FrontMatterError, parseDocument } from '../../../shared/frontmatter/index.ts';

function errorOf(text: string): FrontMatterError {
  try {
    parseDocument(text);
  } catch (error) {
    if (error instanceof FrontMatterError) return error;
    throw error;
  }
  throw new Error('expected a FrontMatterError');
}

describe('front matter detection, as Hugo reads it', () => {
  it('reads the three formats and files without front matter', () => {
    expect(parseDocument('---\ntitle: Why\n---\nbody\n')).toEqual({
      format: 'yaml',
      data: { title: 'Why' },
      body: 'body\n',
    });
    expect(parseDocument('+++\ntitle = "T"\n+++\nbody\n')).toEqual({
      format: 'toml',
      data: { title: 'T' },
      body: 'body\n',
    });
    expect(parseDocument('{"title": "J", "x": "{not a brace}"}\nbody\n')).toEqual({
      format: 'json',
      data: { title: 'J', x: '{not a brace}' },
      body: 'body\n',
    });
    expect(parseDocument('# Just markdown\n')).toEqual({
      format: 'none',
      data: {},
      body: '# Just markdown\n',
    });
    expect(parseDocument('')).toEqual({ format: 'none', data: {}, body: '' });
  });

  it("finds the end of JSON front matter with Hugo's brace scan (quotes and escapes respected)", () => {
    expect(parseDocument('{"a": "} \\" {", "b": {"c": 1}}body').body).toBe('body');
    expect(parseDocument('{"a": 1}\r\nbody').body).toBe('body');
  });

  it('handles a BOM, CRLF and blank lines before the delimiter, without counting them into the body', () => {
    expect(parseDocument('\uFEFF---\r\ntitle: x\r\n---\r\nbody\r\n')).toEqual({
      format: 'yaml',
      data: { title: 'x' },
      body: 'body\r\n',
    });
    expect(parseDocument('\n\n  \n---\ntitle: x\n---\nbody')).toEqual({
      format: 'yaml',
      data: { title: 'x' },
      body: 'body',
    });
    expect(parseDocument('\uFEFFno front matter').body).toBe('no front matter');
  });

  it('reads empty front matter and front matter with only comments as {}', () => {
    expect(parseDocument('---\n---\nbody')).toEqual({ format: 'yaml', data: {}, body: 'body' });
    expect(parseDocument('---\n# only a comment\n---\n')).toEqual({
      format: 'yaml',
      data: {},
      body: '',
    });
    expect(parseDocument('+++\n+++\n').data).toEqual({});
    expect(parseDocument('{}\n').data).toEqual({});
  });

  it('is not confused by a body that starts with --- or contains delimiters', () => {
    expect(parseDocument('---\ntitle: x\n---\n---\nhr\n---\n')).toEqual({
      format: 'yaml',
      data: { title: 'x' },
      body: '---\nhr\n---\n',
    });
    expect(parseDocument('+++\ntitle = "x"\n+++\n+++\n').body).toBe('+++\n');
    // A Markdown horizontal rule of four dashes is not a front matter delimiter.
    expect(parseDocument('----\ntext\n----\n').format).toBe('none');
  });

  it('closes at the first line that starts with the delimiter, like Hugo (trailing spaces allowed, no final newline needed)', () => {
    expect(parseDocument('---  \ntitle: x\n---   \nbody')).toEqual({
      format: 'yaml',
      data: { title: 'x' },
      body: 'body',
    });
    expect(parseDocument('---\ntitle: x\n---')).toEqual({
      format: 'yaml',
      data: { title: 'x' },
      body: '',
    });
    expect(parseDocument('---\ntitle: x\n----\nbody').body).toBe('-\nbody');
  });
});

describe('YAML values, as Hugo 0.111 (go-yaml v2) reads them', () => {
  const data = parseDocument(`---
date: 2025-04-18T10:00:00-06:00
day: 2025-04-18
spaced: 2001-12-14 21:59:43.10 -5
quoted: "2025-04-18"
a: yes
b: No
c: on
d: OFF
e: y
f: "yes"
g: 017
h: 0x1F
i: 1_000
j: 08
k: 1.0
l: .5
m: 1e3
n: ~
o:
p: 1:20
q: 12345678901234567890
r: 0o17
s: +5
t: !!str 42
u: !!int "42"
---
`).data;

  it('keeps dates and datetimes as the exact text written', () => {
    expect(data).toMatchObject({
      date: '2025-04-18T10:00:00-06:00',
      day: '2025-04-18',
      spaced: '2001-12-14 21:59:43.10 -5',
      quoted: '2025-04-18',
    });
  });

  it('reads YAML 1.1 booleans and numbers the way Hugo does', () => {
    expect(data).toMatchObject({ a: true, b: false, c: true, d: false, e: true, f: 'yes' });
    expect(data).toMatchObject({
      g: 15,
      h: 31,
      i: 1000,
      j: 8,
      k: 1,
      l: 0.5,
      m: 1000,
      n: null,
      o: null,
      p: '1:20',
      r: 15,
      s: 5,
      t: '42',
      u: 42,
    });
    expect(data.q).toBe(Number('12345678901234567890'));
  });

  it('reads block scalars, anchors and merge keys', () => {
    expect(
      parseDocument(
        '---\nbase: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nl: |\n  a\n  b\nf: >-\n  c\n  d\nlist: &l [1, 2]\nsame: *l\n---\n',
      ).data,
    ).toEqual({
      base: { x: 1, y: 2 },
      m: { x: 1, y: 3 },
      l: 'a\nb\n',
      f: 'c d',
      list: [1, 2],
      same: [1, 2],
    });
  });
});

describe('TOML values', () => {
  it('keeps all four kinds of dates as the exact text written', () => {
    expect(
      parseDocument(
        '+++\na = 2025-04-18T10:00:00-06:00\nb = 2025-04-18T10:00:00.123\nc = 2025-04-18\nd = 07:32:00\ne = 1979-05-27 07:32:00Z\n+++\n',
      ).data,
    ).toEqual({
      a: '2025-04-18T10:00:00-06:00',
      b: '2025-04-18T10:00:00.123',
      c: '2025-04-18',
      d: '07:32:00',
      e: '1979-05-27 07:32:00Z',
    });
  });

  it('reads nested tables, arrays of tables, dotted keys and inline tables', () => {
    const text =
      '+++\na.b = 1\n[params]\nx = { y = [1, 2] }\n[params.sub]\nz = true\n[[menu.main]]\nname = "A"\n[[menu.main]]\nname = "B"\n[menu.main.params]\nk = 1\n+++\n';
    expect(parseDocument(text).data).toEqual({
      a: { b: 1 },
      params: { x: { y: [1, 2] }, sub: { z: true } },
      menu: { main: [{ name: 'A' }, { name: 'B', params: { k: 1 } }] },
    });
  });

  it("accepts only TOML 1.0, as Hugo's go-toml v2 does", () => {
    expect(errorOf('+++\nx = {a = 1,\n b = 2}\n+++\n').reason).toBe('syntax');
  });
});

describe('errors point into the whole file and say how to fix it', () => {
  it('gives 1-based line and column past a BOM, CRLF and leading blank lines', () => {
    const error = errorOf('\uFEFF\r\n---\r\ntitle: ok\r\ndraft: [unclosed\r\n---\r\n');
    expect(error.reason).toBe('syntax');
    expect(error.line).toBe(5);
    expect(error.message).toContain(`line ${error.line}, column ${error.column}`);
  });

  it('reports unclosed front matter at its opening delimiter', () => {
    expect(errorOf('\n\n---\ntitle: x\n')).toMatchObject({
      reason: 'unclosed',
      line: 3,
      column: 1,
    });
    expect(errorOf('---')).toMatchObject({ reason: 'unclosed', line: 1, column: 1 });
    expect(errorOf('+++\ntitle = "x"\n---\n').message).toMatch(/add a line with \+\+\+/);
  });

  it('names non-map front matter', () => {
    expect(errorOf('---\njust a string\n---\n')).toMatchObject({
      reason: 'not_a_map',
      line: 2,
      column: 1,
    });
    expect(errorOf('{"a": 1,}\n')).toMatchObject({ reason: 'syntax', line: 1 });
  });

  it('refuses text after the opening delimiter instead of guessing', () => {
    expect(errorOf('---yaml\ntitle: x\n---\n').reason).toBe('syntax');
    expect(errorOf('+++toml\ntitle = "x"\n+++\n').reason).toBe('syntax');
  });
});
