// eslint-disable-next-line no-restricted-imports -- the test inspects gray-matter's cache, never parses with it
import matter from 'gray-matter';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FrontMatterError,
  MAX_FRONT_MATTER_BYTES,
  parseDocument,
  updateDocument,
  createDocument,
} from '../../../shared/frontmatter/index.ts';
import { safeMatter } from '../../../shared/frontmatter/safeMatter.ts';
import { dataArb } from './arbitraries.ts';

declare global {
  var __pwned: boolean | undefined;
}

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof FrontMatterError) return error.reason;
    throw error;
  }
  return undefined;
}

const PAYLOAD = '{ title: (globalThis.__pwned = true, "owned") }';
const CODE_FRONT_MATTER = [
  `---js\n${PAYLOAD}\n---\nbody\n`,
  `---javascript\n${PAYLOAD}\n---\nbody\n`,
  `--- js\n${PAYLOAD}\n---\nbody\n`,
  `---JS\n${PAYLOAD}\n---\nbody\n`,
  `---Javascript \n${PAYLOAD}\n---\nbody\n`,
  `---coffee\ntitle: do -> globalThis.__pwned = true\n---\nbody\n`,
  `---coffeescript\ntitle: "x"\n---\n`,
  `\uFEFF---js\r\n${PAYLOAD}\r\n---\r\n`,
  `\n\n---js\n${PAYLOAD}\n---\n`,
  `---js\n${PAYLOAD}\n`,
];

describe('code front matter', () => {
  afterEach(() => {
    delete globalThis.__pwned;
  });

  it.each(CODE_FRONT_MATTER)('is refused with code_engine and never runs: %j', (text) => {
    expect(reasonOf(() => parseDocument(text))).toBe('code_engine');
    expect(reasonOf(() => updateDocument(text, { title: 'x' }, 'body'))).toBe('code_engine');
    expect(reasonOf(() => safeMatter(text))).toBe('code_engine');
    expect(globalThis.__pwned).toBeUndefined();
  });

  it('is refused by safeMatter even though gray-matter itself would run it', () => {
    expect(globalThis.__pwned).toBeUndefined();
    expect(reasonOf(() => safeMatter(`---js\n${PAYLOAD}\n---\n`))).toBe('code_engine');
    expect(globalThis.__pwned).toBeUndefined();
  });
});

describe('caching', () => {
  it('throws on every parse of the same bad input (no cached half-result)', () => {
    const bad = '---\ntitle: [unclosed\n---\nbody\n';
    for (let i = 0; i < 3; i++) {
      expect(reasonOf(() => parseDocument(bad))).toBe('syntax');
      expect(reasonOf(() => safeMatter(bad))).toBe('syntax');
    }
    const unclosed = '---\ntitle: x\n';
    for (let i = 0; i < 3; i++) expect(reasonOf(() => safeMatter(unclosed))).toBe('unclosed');
  });

  it('returns fresh objects: mutating one result does not change the next parse', () => {
    const text = '---\ntitle: x\ntags: [a]\nparams: {k: v}\n---\nbody\n';
    for (const read of [() => parseDocument(text).data, () => safeMatter(text).data]) {
      const first = read();
      first.title = 'mutated';
      (first.tags as string[]).push('b');
      (first.params as Record<string, string>).k = 'changed';
      expect(read()).toEqual({ title: 'x', tags: ['a'], params: { k: 'v' } });
    }
  });

  it("never fills gray-matter's cache", () => {
    safeMatter('---\ntitle: cached?\n---\nbody\n');
    safeMatter('+++\ntitle = "cached?"\n+++\nbody\n');
    expect(
      Object.keys((matter as unknown as { cache: Record<string, unknown> }).cache),
    ).toHaveLength(0);
  });

  it("safeMatter gives gray-matter's content and Folio's data for each format", () => {
    expect(safeMatter('---\ntitle: a\ndate: 2025-01-01\n---\nbody\n')).toEqual({
      data: { title: 'a', date: '2025-01-01' },
      content: 'body\n',
      language: 'yaml',
    });
    expect(safeMatter('+++\ntitle = "a"\n+++\nbody\n')).toEqual({
      data: { title: 'a' },
      content: 'body\n',
      language: 'toml',
    });
    expect(safeMatter('{"title": "a"}\nbody\n')).toEqual({
      data: { title: 'a' },
      content: 'body\n',
      language: 'json',
    });
    expect(safeMatter('just text\n')).toEqual({
      data: {},
      content: 'just text\n',
      language: 'none',
    });
  });
});

describe('hostile data', () => {
  it.each([
    ['---\n__proto__: {polluted: true}\n---\n'],
    ['---\nparams:\n  constructor: x\n---\n'],
    ['---\nlist:\n  - prototype: 1\n---\n'],
    ['---\n"__proto__": 1\n---\n'],
    ['+++\n[__proto__]\npolluted = true\n+++\n'],
    ['+++\na.constructor.prototype = 1\n+++\n'],
    ['+++\nx = { "__proto__" = 1 }\n+++\n'],
    ['{"__proto__": {"polluted": true}}\n'],
    ['{"a": [{"constructor": 1}]}\n'],
  ])('refuses prototype keys at any depth: %j', (text) => {
    expect(reasonOf(() => parseDocument(text))).toBe('forbidden_key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses prototype keys in data to write', () => {
    const data = JSON.parse('{"params": {"__proto__": {"polluted": true}}}') as Record<
      string,
      never
    >;
    expect(reasonOf(() => createDocument('yaml', data, ''))).toBe('forbidden_key');
    expect(reasonOf(() => updateDocument('---\ntitle: a\n---\n', data, ''))).toBe('forbidden_key');
  });

  it('stops YAML alias bombs', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    const text = `---\n${levels.join('\n')}\n---\n`;
    // 10^9 values if expanded: the refusal (not a timeout) shows expansion stops at the limit.
    expect(reasonOf(() => parseDocument(text))).toBe('alias_limit');
  });

  it('refuses recursive aliases and unknown anchors', () => {
    expect(reasonOf(() => parseDocument('---\na: &a [*a]\n---\n'))).toBe('unsupported_value');
    expect(reasonOf(() => parseDocument('---\na: *nowhere\n---\n'))).toBe('syntax');
  });

  it('refuses duplicate keys in every format', () => {
    expect(reasonOf(() => parseDocument('---\na: 1\nb: 2\na: 3\n---\n'))).toBe('duplicate_key');
    expect(reasonOf(() => parseDocument('---\na: 1\n"a": 3\n---\n'))).toBe('duplicate_key');
    expect(reasonOf(() => parseDocument('+++\n[t]\na = 1\n[t]\nb = 2\n+++\n'))).toBe(
      'duplicate_key',
    );
    expect(reasonOf(() => parseDocument('{"a": 1, "a": 2}\n'))).toBe('duplicate_key');
  });

  it('refuses front matter larger than the limit, before parsing it', () => {
    const big = `---\ntitle: "${'x'.repeat(MAX_FRONT_MATTER_BYTES)}"\n---\n`;
    expect(reasonOf(() => parseDocument(big))).toBe('too_large');
    const multibyte = `+++\ntitle = "${'é'.repeat(MAX_FRONT_MATTER_BYTES / 2 + 10)}"\n+++\n`;
    expect(reasonOf(() => parseDocument(multibyte))).toBe('too_large');
    expect(reasonOf(() => parseDocument(`{"a": "${'x'.repeat(MAX_FRONT_MATTER_BYTES)}"}`))).toBe(
      'too_large',
    );
    expect(
      reasonOf(() => createDocument('yaml', { title: 'x'.repeat(MAX_FRONT_MATTER_BYTES) }, '')),
    ).toBe('too_large');
    // A large body is fine: only the front matter is limited.
    expect(
      parseDocument(`---\ntitle: a\n---\n${'x'.repeat(MAX_FRONT_MATTER_BYTES * 2)}`).data,
    ).toEqual({ title: 'a' });
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    expect(
      reasonOf(() => parseDocument(`---\na: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`)),
    ).toBe('too_large');
    expect(
      reasonOf(() => parseDocument(`+++\na = ${'['.repeat(5000)}${']'.repeat(5000)}\n+++\n`)),
    ).toBe('too_large');
    expect(reasonOf(() => parseDocument(`{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`))).toBe(
      'too_large',
    );
  });

  it('refuses values JSON cannot hold: binary, sets, custom tags, NaN and infinities, collection keys', () => {
    for (const text of [
      '---\nb: !!binary aGVsbG8=\n---\n',
      '---\ns: !!set {a, b}\n---\n',
      '---\nc: !custom x\n---\n',
      '---\nn: .nan\n---\n',
      '---\ni: -.Inf\n---\n',
      '---\n? [a, b]\n: x\n---\n',
      '+++\nf = inf\n+++\n',
      '+++\nf = nan\n+++\n',
      '{"big": 1e400}\n',
    ]) {
      expect(
        reasonOf(() => parseDocument(text)),
        text,
      ).toBe('unsupported_value');
    }
    for (const value of [NaN, Infinity, new Date(), () => 1, Symbol('x'), 10n]) {
      expect(reasonOf(() => createDocument('yaml', { value } as never, ''))).toBe(
        'unsupported_value',
      );
    }
    expect(reasonOf(() => createDocument('toml', { value: null }, ''))).toBe('unsupported_value');
    expect(reasonOf(() => createDocument('json', { bad: 'half \uD800 pair' }, ''))).toBe(
      'unsupported_value',
    );
  });
});

describe('arbitrary input', () => {
  const line = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(
      '---',
      '+++',
      '...',
      '- a',
      '  - b',
      'a: 1',
      'b: &x [1]',
      'c: *x',
      '<<: *x',
      '"q": "v"',
      "k = 'v'",
      '[t]',
      '[[t]]',
      'x.y = 1',
      '{',
      '}',
      '"a": 1,',
      '? k',
      ': v',
      '|',
      '  text',
      '#c',
      '\t',
      '\r',
    ),
  );
  const documentArb = fc
    .tuple(
      fc.constantFrom('', '---\n', '+++\n', '{', '\uFEFF---\r\n', '\n---\n', '---js\n'),
      fc.array(line, { maxLength: 12 }),
      fc.constantFrom('', '---\n', '+++\n', '}\n'),
    )
    .map(([open, lines, close]) => open + lines.join('\n') + '\n' + close + 'body');

  it('parses or refuses with FrontMatterError, never crashes, and updates only what parses', () => {
    fc.assert(
      fc.property(documentArb, dataArb('json', 2), (text, data) => {
        let parsed;
        try {
          parsed = parseDocument(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FrontMatterError);
          expect(() => updateDocument(text, data, 'x')).toThrow(FrontMatterError);
          return;
        }
        expect(updateDocument(text, parsed.data, parsed.body)).toBe(text);
        try {
          const next = updateDocument(text, data, 'new body');
          expect(parseDocument(next)).toMatchObject({ data, body: 'new body' });
        } catch (error) {
          expect(error).toBeInstanceOf(FrontMatterError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
