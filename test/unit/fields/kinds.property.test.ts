import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIELD_KINDS,
  FIELD_KIND_NAMES,
  LONG_TEXT,
  detectKind,
  fieldMessages,
  kindFor,
  validateFields,
  type FieldKindName,
  type FieldSpec,
  type JsonValue,
} from '../../../shared/fields/index.ts';

const RUNS = { numRuns: 200 };
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dayArb = fc
  .date({ min: new Date('1970-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const datetimeArb = fc
  .tuple(
    dayArb,
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.constantFrom('', 'Z', '+02:00', '-06:00', '+0530'),
  )
  .map(([day, h, m, offset]) => `${day}T${pad(h, 2)}:${pad(m, 2)}:00${offset}`);
const wordArb = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');

// Values each kind accepts under the field spec beside it.
const VALID: Partial<Record<FieldKindName, [FieldSpec, fc.Arbitrary<JsonValue>]>> = {
  string: [{ name: 'title', kind: 'string' }, fc.string({ maxLength: 80 })],
  text: [{ name: 'summary', kind: 'text' }, fc.string({ maxLength: 300 })],
  markdown: [{ name: 'note', kind: 'markdown' }, fc.string({ maxLength: 300 })],
  boolean: [{ name: 'draft', kind: 'boolean' }, fc.boolean()],
  number: [
    { name: 'weight', kind: 'number', min: -5, max: 50 },
    fc.double({ min: -5, max: 50, noNaN: true }),
  ],
  datetime: [{ name: 'date', kind: 'datetime' }, datetimeArb],
  date: [{ name: 'day', kind: 'date' }, dayArb],
  select: [
    { name: 'layout', kind: 'select', options: ['post', 'wide', { label: 'Two', value: 2 }] },
    fc.constantFrom('post', 'wide', 2),
  ],
  tags: [{ name: 'tags', kind: 'tags', max: 5 }, fc.array(wordArb, { minLength: 1, maxLength: 5 })],
  relation: [{ name: 'author', kind: 'relation', collection: 'authors' }, wordArb],
  image: [
    { name: 'images', kind: 'image' },
    fc.oneof(wordArb, fc.array(wordArb, { minLength: 1 })),
  ],
  file: [{ name: 'pdf', kind: 'file' }, wordArb],
  object: [
    { name: 'author', kind: 'object', fields: [{ name: 'name', kind: 'string', required: true }] },
    fc.record({ name: wordArb, url: fc.string() }),
  ],
  list: [
    { name: 'links', kind: 'list', fields: [{ name: 'href', kind: 'string', required: true }] },
    fc.array(fc.record({ href: wordArb }), { minLength: 1, maxLength: 4 }),
  ],
  hidden: [{ name: 'layout', kind: 'hidden' }, fc.jsonValue() as fc.Arbitrary<JsonValue>],
};

describe('field kinds (shared/fields)', () => {
  it('every kind has its folder and one object', () => {
    for (const name of FIELD_KIND_NAMES) expect(FIELD_KINDS[name].name).toBe(name);
    expect(Object.keys(VALID).sort()).toEqual([...FIELD_KIND_NAMES].sort());
  });

  describe.each(Object.entries(VALID) as [FieldKindName, [FieldSpec, fc.Arbitrary<JsonValue>]][])(
    '%s',
    (name, [spec, arb]) => {
      const kind = FIELD_KINDS[name];
      it('accepts its values, and parse/serialize give them back unchanged', () => {
        fc.assert(
          fc.property(arb, (value) => {
            expect(validateFields([spec], { [spec.name]: value })).toEqual([]);
            const parsed = kind.parse(value, spec);
            expect(parsed).toEqual(value);
            expect(kind.serialize(parsed!, spec)).toEqual(value);
            // The form edits a value that fits with the field's own input.
            expect(kindFor(spec.name, value, spec)).toBe(name);
          }),
          RUNS,
        );
      });
      it('starts empty with a value that is not an error unless required', () => {
        expect(validateFields([spec], { [spec.name]: kind.empty(spec) })).toEqual([]);
        expect(validateFields([{ ...spec, required: true }], {})).toEqual([
          { path: spec.name, message: fieldMessages.required(spec) },
        ]);
      });
    },
  );

  it('refuses values of another kind with one message naming the label', () => {
    const spec: FieldSpec = { name: 'draft', kind: 'boolean', label: 'Draft' };
    fc.assert(
      fc.property(fc.oneof(wordArb, fc.integer(), fc.array(wordArb, { minLength: 1 })), (v) => {
        expect(validateFields([spec], { draft: v })).toEqual([
          { path: 'draft', message: 'Draft must be true or false.' },
        ]);
      }),
      RUNS,
    );
  });

  it('checks length, count and value bounds and patterns with their messages', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 11, maxLength: 40 }), (text) => {
        const spec: FieldSpec = { name: 'title', kind: 'string', max: 10 };
        expect(validateFields([spec], { title: text })).toEqual([
          { path: 'title', message: 'title must be at most 10 characters long.' },
        ]);
      }),
      RUNS,
    );
    const slug: FieldSpec = {
      name: 'slug',
      kind: 'string',
      pattern: '^[a-z-]+$',
      message: 'Lowercase letters and dashes only.',
    };
    expect(validateFields([slug], { slug: 'Hello World' })).toEqual([
      { path: 'slug', message: 'Lowercase letters and dashes only.' },
    ]);
    expect(validateFields([slug], { slug: 'hello-world' })).toEqual([]);
    const tags: FieldSpec = { name: 'tags', kind: 'tags', min: 2 };
    expect(validateFields([tags], { tags: ['one'] })).toEqual([
      { path: 'tags', message: 'tags needs at least 2 items.' },
    ]);
    const weight: FieldSpec = { name: 'weight', kind: 'number', integer: true, min: 1 };
    expect(validateFields([weight], { weight: 0.5 }).map((i) => i.message)).toEqual([
      'weight must be a whole number.',
    ]);
    expect(validateFields([weight], { weight: 0 }).map((i) => i.message)).toEqual([
      'weight must be 1 or more.',
    ]);
  });

  it('refuses dates that do not exist and keeps the offset as written', () => {
    const spec: FieldSpec = { name: 'date', kind: 'datetime' };
    expect(validateFields([spec], { date: '2025-02-30T10:00:00Z' })).toHaveLength(1);
    expect(validateFields([spec], { date: 'tomorrow' })).toHaveLength(1);
    expect(FIELD_KINDS.datetime.serialize('2025-04-18T10:00:00-06:00', spec)).toBe(
      '2025-04-18T10:00:00-06:00',
    );
  });

  it('keeps unknown keys and reports nested problems by path', () => {
    const fields: FieldSpec[] = [
      {
        name: 'author',
        kind: 'object',
        fields: [{ name: 'name', kind: 'string', required: true }],
      },
      { name: 'links', kind: 'list', fields: [{ name: 'href', kind: 'string', required: true }] },
    ];
    expect(
      validateFields(fields, { author: { url: 'x' }, links: [{ href: 'a' }, {}], other: 1 }),
    ).toEqual([
      { path: 'author.name', message: 'name is required.' },
      { path: 'links.1.href', message: 'href is required.' },
    ]);
  });

  it('infers one kind per value: flags, numbers, dates, image keys, tags, long text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: LONG_TEXT + 1, maxLength: 300 }), (long) => {
        expect(detectKind('description', long)).toBe(
          /^\d{4}-\d{2}-\d{2}/.test(long) ? detectKind('description', long) : 'text',
        );
      }),
      RUNS,
    );
    expect(detectKind('draft', true)).toBe('boolean');
    expect(detectKind('weight', 3)).toBe('number');
    expect(detectKind('date', '2025-04-18T10:00:00-06:00')).toBe('datetime');
    expect(detectKind('day', '2025-04-18')).toBe('date');
    expect(detectKind('images', ['a.png'])).toBe('image');
    expect(detectKind('tags', ['Go'])).toBe('tags');
    expect(detectKind('params', { a: 1 })).toBe('object');
    expect(detectKind('links', [{ a: 1 }])).toBe('list');
    expect(detectKind('title', 'Hello')).toBe('string');
    expect(detectKind('x', 'a'.repeat(LONG_TEXT))).toBe('string');
    expect(detectKind('x', 'a'.repeat(LONG_TEXT + 1))).toBe('text');
    expect(detectKind('x', null)).toBeNull();
  });
});
