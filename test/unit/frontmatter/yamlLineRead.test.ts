// The line reader against the canonical YAML reader on documents in its own subset (keys, nested
// maps, lists, one-line scalars), written in every way people write them, and on near misses.
// The shared suites (everyday, special, written, random lines, soup) are in yamlFastRead.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYamlLines } from '../../../shared/frontmatter/yamlLineRead.ts';
import { readYaml } from '../../../shared/frontmatter/yamlRead.ts';
import { TRICKY_STRINGS } from './arbitraries.ts';
import { type ReaderPair, expectAgreementOn, expectDeclinedOrAgreed } from './differential.ts';

const PAIR: ReaderPair = {
  format: 'yaml',
  fast: readYamlLines,
  canonical: (source) => readYaml(source, 0, source.length).data,
};

const key = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'title',
      'date',
      'tags',
      'params',
      'cover_image',
      'og-image',
      'a.b',
      'x1',
    ),
    weight: 12,
  },
  // Keys that read as something else than their text: the line reader leaves them to the others.
  fc.constantFrom('yes', 'null', 'True', '1', '"q"'),
);
const text = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9][\w .,/é-]{0,12}$/), weight: 4 },
  fc.constantFrom(...TRICKY_STRINGS),
  fc.string({ unit: fc.constantFrom('a', 'é', ' ', ':', '#', ',', '[', ']', "'", '"', '\\', '-') }),
);
// A scalar as written on its line: plain, double or single quoted.
const scalar = fc.tuple(text, fc.constantFrom('plain', 'double', 'single')).map(([t, style]) => {
  if (style === 'double') return `"${t}"`;
  if (style === 'single') return `'${t.replace(/'/g, "''")}'`;
  return t;
});
const comment = fc.constantFrom('', '', ' # note', '  #x', '#glued');

interface Node {
  kind: 'scalar' | 'list' | 'flow' | 'map';
  scalar?: string;
  items?: string[];
  entries?: [string, Node][];
}

const node: fc.Memo<Node> = fc.memo((depth) =>
  fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((s): Node => ({ kind: 'scalar', scalar: s })),
    fc.array(scalar, { maxLength: 4 }).map((items): Node => ({ kind: 'list', items })),
    fc.array(scalar, { maxLength: 4 }).map((items): Node => ({ kind: 'flow', items })),
    depth > 1
      ? fc
          .array(fc.tuple(key, node(depth - 1)), { minLength: 1, maxLength: 4 })
          .map((entries): Node => ({ kind: 'map', entries }))
      : scalar.map((s): Node => ({ kind: 'scalar', scalar: s })),
  ),
);

// Writes a map at `indent`: lists compact or indented, comments and blank lines in between.
function write(
  entries: [string, Node][],
  indent: number,
  style: { step: number; compact: boolean; comments: string[] },
): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  entries.forEach(([k, value], i) => {
    const note = style.comments[i % style.comments.length]!;
    if (value.kind === 'scalar') lines.push(`${pad}${k}: ${value.scalar}${note}`);
    else if (value.kind === 'flow') lines.push(`${pad}${k}: [${value.items!.join(', ')}]${note}`);
    else if (value.kind === 'list') {
      lines.push(`${pad}${k}:${note}`);
      const itemPad = style.compact ? pad : ' '.repeat(indent + style.step);
      for (const item of value.items!) lines.push(`${itemPad}- ${item}`);
    } else {
      lines.push(`${pad}${k}:`);
      if (note) lines.push(`${pad}${note.trim()}`);
      lines.push(...write(value.entries!, indent + style.step, style));
    }
  });
  return lines;
}

const documents = fc
  .tuple(
    fc.array(fc.tuple(key, node(3)), { minLength: 1, maxLength: 6 }),
    fc.constantFrom(1, 2, 4),
    fc.boolean(),
    fc.array(comment, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([entries, step, compact, comments, eol]) =>
    write(entries, 0, { step, compact, comments })
      .map((line) => line + eol)
      .join(''),
  );

describe('YAML line reader', () => {
  it('agrees with the canonical reader on documents of its subset, and reads many of them', () => {
    expectAgreementOn(PAIR, documents, 250, 3000);
  });

  it('agrees on near misses: one character of those documents changed', () => {
    const mutated = fc
      .tuple(
        documents,
        fc.nat(),
        fc.constantFrom(' ', '\t', ':', '-', '#', '"', "'", '[', '\n', '\r', '\\', '&', '|'),
      )
      .map(([doc, at, ch]) => {
        const i = at % (doc.length + 1);
        return doc.slice(0, i) + ch + doc.slice(i + 1);
      });
    expectAgreementOn(PAIR, mutated, 60, 3000);
  });

  it('steps aside from what it does not read itself', () => {
    const declined = [
      'a: |\n  text\n',
      'a: >-\n  folded\n',
      'a:\n  - b: 1\n',
      'a: "esc\\"aped"\n',
      '"quoted key": 1\n',
      'a: &x 1\n',
      'a: *x\n',
      'a: !!str 1\n',
      'a: {b: 1}\n',
      'a: [b, [c]]\n',
      'a: ["x, y"]\n',
      'a: [b,]\n',
      'a: .inf\n',
      'yes: 1\n',
      '1: one\n',
      '  a: 1\n',
      'a:\tb\n',
      'a: b\n  c\n',
      '# only a comment\n',
      '',
      `${'k'.repeat(1001)}: v\n`,
    ];
    for (const source of declined) expect(readYamlLines(source), source).toBeNull();
    expectDeclinedOrAgreed(PAIR, declined);
  });
});
