import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Collection, JsonValue } from '../../shared/api/contract.ts';
import { slugify } from '../../shared/slugify.ts';
import { filtersFromParams, filtersToParams } from '../../client/src/api/entryFilters.ts';
import { nowWithOffset, isDateTimeString } from '../../client/src/lib/dateTime.ts';
import { applyMerge, buildMerge, combineText } from '../../client/src/lib/merge.ts';
import { formatRawValue, parseRawValue } from '../../client/src/lib/rawValue.ts';
import { safeUrl } from '../../client/src/lib/safeUrl.ts';
import { collectionOfEntry } from '../../client/src/lib/entryCollection.ts';
import { diffFromUnified, diffTexts } from '../../client/src/lib/sideBySide.ts';

describe('slugify', () => {
  it('folds accents and joins words with single dashes', () => {
    expect(slugify('Combinação Perfeita')).toBe('combinacao-perfeita');
    expect(slugify('  ¿Qué pasó?  São Paulo, 2025! ')).toBe('que-paso-sao-paulo-2025');
    expect(slugify('Ångström — ﬁnal')).toBe('angstrom-final');
    expect(slugify('日本語')).toBe('');
  });
  it('always yields a clean, idempotent slug', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });
});

describe('safeUrl (preview URL filter)', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<b>',
    'vbscript:x',
    'file:///etc/passwd',
  ])('drops %j', (url) => expect(safeUrl(url)).toBe(''));
  it.each([
    'https://example.org/a?b#c',
    'http://x',
    'mailto:a@b.c',
    'tel:+55',
    '/images/a.jpg',
    'a/b:c',
    '#top',
    '?q=1',
    'relative.png',
  ])('keeps %j', (url) => expect(safeUrl(url)).toBe(url));
});

describe('raw values', () => {
  it('reads JSON literals, plain text as a string, and refuses broken JSON', () => {
    expect(parseRawValue('true')).toEqual({ ok: true, value: true });
    expect(parseRawValue(' [1, "a"] ')).toEqual({ ok: true, value: [1, 'a'] });
    expect(parseRawValue('hello world')).toEqual({ ok: true, value: 'hello world' });
    expect(parseRawValue('{"a": ').ok).toBe(false);
  });
  it('formats every JSON value so that it reads back unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const json = JSON.parse(JSON.stringify(value)) as JsonValue; // -0 and friends as JSON has them
        expect(parseRawValue(formatRawValue(json))).toEqual({ ok: true, value: json });
      }),
    );
  });
});

describe('merge', () => {
  const base = {
    frontMatter: { title: 'A', tags: ['x'], draft: false },
    body: 'one\ntwo\nthree\nfour\nfive\n',
  };
  it('takes each side where only it changed, and asks where both did', () => {
    const theirs = {
      frontMatter: { title: 'Theirs', tags: ['x', 'y'], draft: false },
      body: 'one\nTWO\nthree\nfour\nfive\n',
    };
    const mine = {
      frontMatter: { title: 'Mine', tags: ['x'], draft: true },
      body: 'one\ntwo\nthree\nfour\nFIVE\n',
    };
    const rows = buildMerge(base, theirs, mine);
    expect(rows.map((r) => [r.key, r.auto])).toEqual([
      ['title', null],
      ['tags', 'theirs'],
      ['draft', 'mine'],
      [null, 'combined'],
    ]);
    expect(applyMerge(theirs, mine, rows, { 'fm:title': 'mine' })).toEqual({
      frontMatter: { title: 'Mine', tags: ['x', 'y'], draft: true },
      body: 'one\nTWO\nthree\nfour\nFIVE\n',
    });
  });
  it('treats every difference as a conflict when the base is unknown, and drops keys the chosen side lacks', () => {
    const theirs = { frontMatter: { title: 'T', extra: 1 }, body: 'b' };
    const mine = { frontMatter: { title: 'T' }, body: 'b' };
    const rows = buildMerge(null, theirs, mine);
    expect(rows).toEqual([{ key: 'extra', theirs: 1, mine: undefined, auto: null }]);
    expect(applyMerge(theirs, mine, rows, { 'fm:extra': 'mine' }).frontMatter).toEqual({
      title: 'T',
    });
  });
  it('does not combine overlapping body edits', () => {
    expect(combineText('a\nb\nc\n', 'a\nB1\nc\n', 'a\nB2\nc\n')).toBeUndefined();
  });
});

describe('list filters in the URL', () => {
  it('round-trips and ignores values the API would refuse', () => {
    const params = new URLSearchParams(
      'q=kube&flag=featured,!pinned,,!&draft=maybe&sort=title&tag=AI&bogus=1',
    );
    const filters = filtersFromParams(params);
    expect(filters).toEqual({ q: 'kube', flag: 'featured,!pinned', sort: 'title', tag: 'AI' });
    expect(filtersToParams(filters).toString()).toBe(
      'q=kube&flag=featured%2C%21pinned&tag=AI&sort=title',
    );
    expect(filtersToParams(filtersFromParams(new URLSearchParams())).toString()).toBe('');
  });
});

describe('dates', () => {
  it('writes now with the local offset and recognizes Hugo date forms', () => {
    expect(nowWithOffset()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    for (const ok of [
      '2025-04-18',
      '2025-04-18T10:00:00-06:00',
      '2025-04-18T10:00:00Z',
      '2025-04-18 10:00',
    ])
      expect(isDateTimeString(ok)).toBe(true);
    for (const bad of ['18/04/2025', '2025-13-45', 'yesterday'])
      expect(isDateTimeString(bad)).toBe(false);
  });
});

describe('side-by-side diff', () => {
  it('pairs removed and added lines and folds long unchanged runs', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const after = before.replace('line 10\n', 'line ten\n');
    const rows = diffTexts(before, after);
    expect(rows.find((r) => r.left?.type === 'removed')).toEqual({
      left: { no: 11, text: 'line 10', type: 'removed' },
      right: { no: 11, text: 'line ten', type: 'added' },
    });
    expect(rows.filter((r) => r.gap).map((r) => r.gap)).toEqual([
      '7 unchanged lines',
      '6 unchanged lines',
    ]);
    const unified = diffFromUnified('--- a\n+++ b\n@@ -1,2 +1,2 @@\n keep\n-old\n+new\n');
    expect(unified.slice(1)).toEqual([
      { left: { no: 1, text: 'keep', type: 'same' }, right: { no: 1, text: 'keep', type: 'same' } },
      {
        left: { no: 2, text: 'old', type: 'removed' },
        right: { no: 2, text: 'new', type: 'added' },
      },
    ]);
  });
});

describe('collectionOfEntry', () => {
  const collections: Collection[] = [
    { name: '', path: 'content', count: 1, fields: [], newEntryPaths: { '': 'content/{slug}.md' } },
    {
      name: 'posts',
      path: 'content/posts',
      count: 2,
      fields: [],
      newEntryPaths: { '': 'content/posts/{slug}.md', es: 'content/es/posts/{slug}.md' },
    },
    { name: 'docs', path: 'content/docs', count: 1, fields: [] },
  ];
  it('takes the longest folder of a collection that holds the entry', () => {
    expect(collectionOfEntry(collections, 'content/posts/a.md')).toBe('posts');
    expect(collectionOfEntry(collections, 'content/es/posts/a.md')).toBe('posts');
    expect(collectionOfEntry(collections, 'content/docs/x/index.md')).toBe('docs');
    expect(collectionOfEntry(collections, 'content/about.md')).toBe('');
    expect(collectionOfEntry(collections, 'content/postscript.md')).toBe('');
    expect(collectionOfEntry(collections, 'static/x.md')).toBeNull();
  });
});
