// Shared fast-check generators for front matter data, shaped by what each format can hold.
import fc from 'fast-check';
import type { FrontMatterData, FrontMatterValue } from '../../../shared/frontmatter/index.ts';

export type Format = 'yaml' | 'toml' | 'json';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Strings that have broken front matter writers: YAML 1.1 booleans, numbers, indicators, comments, line breaks. */
export const TRICKY_STRINGS = [
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'Y',
  'NO',
  'null',
  'Null',
  '~',
  '',
  ' ',
  '2025',
  '-1',
  '+1',
  '1.0',
  '1e3',
  '0x1F',
  '0o17',
  '017',
  '08',
  '1_000',
  '.5',
  '.inf',
  '-.Inf',
  '.nan',
  '1:20',
  '2025-04-18',
  '2025-04-18T10:00:00-06:00',
  ': x',
  'a: b',
  'a:b',
  'key:',
  '#',
  'a #b',
  'a#b',
  'C#',
  '- x',
  '-',
  '--',
  '---',
  '...',
  '? x',
  '[a]',
  '{a: 1}',
  'a, b',
  '"quoted"',
  "'single'",
  "it's",
  'back\\slash',
  '\\n',
  '  leading',
  'trailing  ',
  '\ttab',
  'line1\nline2',
  'ends\n',
  '\n\nlead',
  'crlf\r\nline',
  '\u0085nel',
  'ls\u2028ps\u2029',
  'bom\uFEFF',
  'bell\u0007',
  'del\u007F',
  'emoji 🎉👩‍👩‍👧',
  'ünïcødé',
  '日本語のタイトル',
  'עברית',
  '&anchor',
  '*alias',
  '!tag',
  '|',
  '>',
  '%',
  '@',
  '`',
  '<<',
  '=',
  'a """ b',
  "a ''' b",
  'http://example.org/a?b=1#c',
];

/** Keys including unicode, spaces, dots, quotes and YAML-significant text (never the prototype-polluting ones). */
export const keyArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      'title',
      'date',
      'draft',
      'tags',
      'params',
      'menu',
      'weight',
      'n',
      'y',
      'on',
      '1',
      'a.b',
      'with space',
      'quote"d',
      "it's",
      '',
      'ключ',
      '🎉',
      '<<',
      '- x',
      '#c',
      'a: b',
    ),
    fc.string({ unit: 'grapheme', minLength: 0, maxLength: 10 }),
  )
  .filter((key) => !FORBIDDEN.has(key));

/** Text values: arbitrary graphemes mixed with the tricky strings. */
export const stringArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRICKY_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

const numberArb: fc.Arbitrary<number> = fc
  .oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true }))
  .map((n) => (Object.is(n, -0) ? 0 : n));

/** One scalar value the format can hold (TOML has no null). */
export function scalarArb(format: Format): fc.Arbitrary<string | number | boolean | null> {
  const base = [stringArb, stringArb, numberArb, fc.boolean()] as fc.Arbitrary<
    string | number | boolean | null
  >[];
  return format === 'toml' ? fc.oneof(...base) : fc.oneof(...base, fc.constant(null));
}

/** Front matter data for a format: nested maps and lists, bounded in size. */
export function dataArb(format: Format, maxDepth = 3): fc.Arbitrary<FrontMatterData> {
  const tree = fc.letrec<{ value: FrontMatterValue; map: FrontMatterData }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth },
      scalarArb(format),
      fc.array(tie('value'), { maxLength: 4 }),
      tie('map'),
    ),
    map: fc.dictionary(keyArb, tie('value'), { maxKeys: 5, noNullPrototype: true }),
  }));
  return tree.map as fc.Arbitrary<FrontMatterData>;
}

/** A Markdown body, including ones that look like front matter or start with a horizontal rule. */
export const bodyArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '\n',
    'Body text.\n',
    '---\nnot front matter\n---\n',
    '+++\n',
    '{ "x": 1 }\n',
    '# Title\n\nText with --- inside\n',
    '\r\nCRLF body\r\n',
  ),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

/** A path to an existing value of `data`, chosen by a list of random indexes. */
function pick<T>(items: readonly T[], seed: number): T | undefined {
  return items.length === 0 ? undefined : items[seed % items.length];
}

type Mutation = { op: number; seeds: number[]; key: string; value: FrontMatterValue };

/** Random edits (set nested values, add and remove keys, insert and remove list items) as an editor would make them. */
export function mutationArb(format: Format): fc.Arbitrary<Mutation[]> {
  return fc.array(
    fc.record({
      op: fc.nat(5),
      seeds: fc.array(fc.nat(1000), { minLength: 4, maxLength: 4 }),
      key: keyArb,
      value: fc.oneof(scalarArb(format), scalarArb(format), dataArb(format, 1)),
    }),
    { minLength: 1, maxLength: 4 },
  );
}

/** Applies random edits to a copy of `data`. */
export function applyMutations(data: FrontMatterData, mutations: Mutation[]): FrontMatterData {
  const out = structuredClone(data);
  for (const { op, seeds, key, value } of mutations) {
    // Walk down a random number of levels to choose the container to edit.
    let container: FrontMatterData | FrontMatterValue[] = out;
    for (const seed of seeds.slice(0, (seeds[3] ?? 0) % 3)) {
      const children: (FrontMatterData | FrontMatterValue[])[] = (
        Array.isArray(container) ? container : Object.values(container)
      ).filter(
        (child): child is FrontMatterData | FrontMatterValue[] =>
          typeof child === 'object' && child !== null,
      );
      const next = pick(children, seed);
      if (!next) break;
      container = next;
    }
    const seed = seeds[0] ?? 0;
    if (Array.isArray(container)) {
      if (op % 3 === 0 && container.length > 0) container.splice(seed % container.length, 1);
      else if (op % 3 === 1) container.splice(seed % (container.length + 1), 0, value);
      else if (container.length > 0) container[seed % container.length] = value;
    } else {
      const keys = Object.keys(container);
      const existing = pick(keys, seed);
      if (op % 3 === 0 && existing !== undefined) delete container[existing];
      else if (op % 3 === 1) container[key] = value;
      else if (existing !== undefined) container[existing] = value;
    }
  }
  return out;
}
