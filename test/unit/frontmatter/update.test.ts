import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FrontMatterError,
  createDocument,
  parseDocument,
  updateDocument,
} from '../../../shared/frontmatter/index.ts';
import type { FrontMatterData } from '../../../shared/frontmatter/index.ts';

// The sample site's first post is the reference post, byte for byte.
const REFERENCE = readFileSync(
  new URL('../../../content/content/blog/openinfradays-scale-2025.md', import.meta.url),
  'utf8',
);

function edit(text: string, change: (data: FrontMatterData) => void, body?: string): string {
  const parsed = parseDocument(text);
  const data = structuredClone(parsed.data);
  change(data);
  return updateDocument(text, data, body ?? parsed.body);
}

function diffLines(a: string, b: string): [string | undefined, string | undefined][] {
  const x = a.split('\n');
  const y = b.split('\n');
  const out: [string | undefined, string | undefined][] = [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) out.push([x[i], y[i]]);
  return out;
}

describe('updateDocument on the reference post', () => {
  it('returns the very same string when nothing changed', () => {
    const parsed = parseDocument(REFERENCE);
    expect(updateDocument(REFERENCE, structuredClone(parsed.data), parsed.body)).toBe(REFERENCE);
  });

  it('changes exactly one line to flip draft, featured or pinned', () => {
    for (const key of ['draft', 'featured', 'pinned', 'comment', 'toc', 'carousel']) {
      const next = edit(REFERENCE, (d) => {
        d[key] = !d[key];
      });
      expect(diffLines(REFERENCE, next)).toHaveLength(1);
    }
  });

  it('keeps the date offset and the double quotes of the title', () => {
    const next = edit(REFERENCE, (d) => {
      d.date = '2025-04-20T08:00:00-03:00';
      d.title = 'Novo título';
    });
    expect(diffLines(REFERENCE, next)).toEqual([
      [
        'title: "Por Que OpenInfraDays NA e SCaLE São uma Combinação Perfeita: Um Resumo do Evento de Pasadena"',
        'title: "Novo título"',
      ],
      ['date: 2025-04-18T10:00:00-06:00', 'date: 2025-04-20T08:00:00-03:00'],
    ]);
  });
});

describe('quoting', () => {
  it('keeps a plain value plain when it can, and quotes values that would change type or meaning', () => {
    const text = '---\ntitle: Plain\n---\n';
    const cases: [string, string][] = [
      ['Still plain', 'title: Still plain'],
      ['true', 'title: "true"'],
      ['2025', 'title: "2025"'],
      ['null', 'title: "null"'],
      [': x', 'title: ": x"'],
      ['#', 'title: "#"'],
      ['  leading', 'title: "  leading"'],
      ['yes', 'title: "yes"'],
      ['a #b', 'title: "a #b"'],
      ['multi\nline', 'title: "multi\\nline"'],
    ];
    for (const [value, line] of cases) {
      const next = updateDocument(text, { title: value }, '');
      expect(next.split('\n')[1]).toBe(line);
      expect(parseDocument(next).data.title).toBe(value);
    }
  });

  it('keeps single quotes, and the TOML string style, when the new value fits', () => {
    expect(updateDocument("---\nt: 'a'\n---\n", { t: "it's" }, '')).toBe("---\nt: 'it''s'\n---\n");
    expect(updateDocument("+++\nt = 'a'\n+++\n", { t: 'C:\\dir' }, '')).toBe(
      "+++\nt = 'C:\\dir'\n+++\n",
    );
    expect(updateDocument("+++\nt = 'a'\n+++\n", { t: "it's" }, '')).toBe(
      '+++\nt = "it\'s"\n+++\n',
    );
  });
});

describe('TOML specifics', () => {
  it('keeps a datetime unquoted when it stays a datetime, and integers vs floats as written', () => {
    const text = '+++\ndate = 2025-04-18T10:00:00-06:00\nweight = 1.0\ncount = 3\n+++\n';
    expect(
      updateDocument(text, { date: '2025-04-18T10:00:00-05:00', weight: 1, count: 3 }, ''),
    ).toBe('+++\ndate = 2025-04-18T10:00:00-05:00\nweight = 1.0\ncount = 3\n+++\n');
    expect(
      updateDocument(text, { date: '2025-04-18T10:00:00-06:00', weight: 2, count: 4 }, ''),
    ).toBe('+++\ndate = 2025-04-18T10:00:00-06:00\nweight = 2.0\ncount = 4\n+++\n');
  });

  it('writes new Hugo date keys as TOML datetimes, other date-like text as strings', () => {
    const next = updateDocument(
      '+++\ntitle = "x"\n+++\n',
      { title: 'x', lastmod: '2025-05-01T09:00:00Z', label: '2025-05-01' },
      '',
    );
    expect(next).toBe(
      '+++\ntitle = "x"\nlastmod = 2025-05-01T09:00:00Z\nlabel = "2025-05-01"\n+++\n',
    );
  });

  it('refuses null, which TOML cannot store', () => {
    expect(() => updateDocument('+++\ntitle = "x"\n+++\n', { title: null }, '')).toThrow(
      FrontMatterError,
    );
  });
});

describe('structure', () => {
  it("appends new keys at the end, in the file's line ending", () => {
    expect(updateDocument('---\r\na: 1\r\n---\r\nbody', { a: 1, b: [1, 2] }, 'body')).toBe(
      '---\r\na: 1\r\nb:\r\n  - 1\r\n  - 2\r\n---\r\nbody',
    );
  });

  it('removes a key with its inline comment but keeps the comments above other keys', () => {
    const text = '---\n# about a\na: 1 # inline\n# about b\nb: 2\n---\n';
    expect(updateDocument(text, { b: 2 }, '')).toBe('---\n# about a\n# about b\nb: 2\n---\n');
  });

  it('rewrites only the list that changed, in its own indentation', () => {
    const text = '---\na:\n    - x\n    - p\nb:\n  - z\n---\n';
    expect(updateDocument(text, { a: ['p', 'w'], b: ['z'] }, '')).toBe(
      '---\na:\n    - p\n    - w\nb:\n  - z\n---\n',
    );
  });

  it('turns a file without front matter into YAML when keys are added, and leaves it alone otherwise', () => {
    expect(updateDocument('Body\n', {}, 'New body\n')).toBe('New body\n');
    expect(updateDocument('Body\n', { title: 'T' }, 'Body\n')).toBe('---\ntitle: T\n---\nBody\n');
    // A new body that Hugo would read as front matter gets an empty front matter in front of it.
    expect(updateDocument('Body\n', {}, '---\nhr\n')).toBe('---\n---\n---\nhr\n');
  });

  it('starts a changed body on its own line when the closing delimiter ended the file', () => {
    expect(updateDocument('---\na: 1\n---', { a: 1 }, 'body')).toBe('---\na: 1\n---\nbody');
    expect(updateDocument('{"a": 1}', { a: 1 }, '\nbody')).toBe('{"a": 1}\n\nbody');
  });

  it('keeps aliases meaning what they meant when their anchored value is edited or removed', () => {
    const text =
      '---\ndefaults: &d\n  layout: post\npage: *d\nother:\n  <<: *d\n  x: 1\nname: &n Ana\nauthor: *n\n---\n';
    expect(
      edit(text, (d) => {
        (d.defaults as FrontMatterData).layout = 'wide';
        d.name = 'Bo';
      }),
    ).toBe(
      '---\ndefaults: &d\n  layout: wide\npage:\n  layout: post\nother:\n  layout: post\n  x: 1\nname: &n Bo\nauthor: Ana\n---\n',
    );
    expect(
      edit(text, (d) => {
        delete d.defaults;
      }),
    ).toBe(
      '---\npage:\n  layout: post\nother:\n  layout: post\n  x: 1\nname: &n Ana\nauthor: *n\n---\n',
    );
  });

  it('never rewrites a file it cannot parse', () => {
    for (const text of ['---\na: [\n---\n', '+++\na = \n+++\n', '{"a": }\n', '---\na: 1\n']) {
      expect(() => updateDocument(text, { a: 2 }, '')).toThrow(FrontMatterError);
    }
  });

  it('creates documents that read back the same in every format', () => {
    const data = {
      title: 'T',
      date: '2025-04-18T10:00:00-06:00',
      draft: false,
      tags: ['a', 'b'],
      params: { x: 1 },
    };
    for (const format of ['yaml', 'toml', 'json'] as const) {
      expect(parseDocument(createDocument(format, data, 'Body\n'))).toEqual({
        format,
        data,
        body: 'Body\n',
      });
    }
    expect(createDocument('yaml', data, '')).toBe(
      '---\ntitle: T\ndate: 2025-04-18T10:00:00-06:00\ndraft: false\ntags:\n  - a\n  - b\nparams:\n  x: 1\n---\n',
    );
  });
});
