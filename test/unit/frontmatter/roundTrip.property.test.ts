import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createDocument,
  parseDocument,
  updateDocument,
} from '../../../shared/frontmatter/index.ts';
import type { FrontMatterData, FrontMatterValue } from '../../../shared/frontmatter/index.ts';
import { applyMutations, bodyArb, dataArb, mutationArb, scalarArb } from './arbitraries.ts';
import type { Format } from './arbitraries.ts';

const FORMATS: Format[] = ['yaml', 'toml', 'json'];
const RUNS = { numRuns: 300 };

function changedLines(before: string, after: string): number {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  return a.filter((line, i) => line !== b[i]).length;
}

function isSingleLineScalar(value: FrontMatterValue | undefined): boolean {
  return (
    value === null ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (typeof value === 'string' && !/[\n\r]/.test(value))
  );
}

// An emptied YAML block goes away (Folio adds YAML to files without front matter and takes it
// away again), unless the body alone would read as front matter.
function formatAfter(
  format: Format,
  before: FrontMatterData,
  data: FrontMatterData,
  body: string,
): Format | 'none' {
  if (format !== 'yaml' || Object.keys(data).length > 0 || Object.keys(before).length === 0)
    return format;
  try {
    return parseDocument(body).format === 'none' ? 'none' : 'yaml';
  } catch {
    return 'yaml';
  }
}

describe.each(FORMATS)('%s front matter properties', (format) => {
  it('parse(createDocument(data, body)) gives back the format, data and body', () => {
    fc.assert(
      fc.property(dataArb(format), bodyArb, (data, body) => {
        const text = createDocument(format, data, body);
        expect(parseDocument(text)).toEqual({ format, data, body });
      }),
      RUNS,
    );
  });

  it('a no-op update returns the very same text', () => {
    fc.assert(
      fc.property(dataArb(format), bodyArb, (data, body) => {
        const text = createDocument(format, data, body);
        const parsed = parseDocument(text);
        expect(updateDocument(text, parsed.data, parsed.body)).toBe(text);
      }),
      RUNS,
    );
  });

  it('changing one top-level scalar changes exactly one line', () => {
    fc.assert(
      fc.property(
        dataArb(format),
        fc.nat(),
        scalarArb(format),
        bodyArb,
        (data, seed, replacement, body) => {
          const keys = Object.keys(data).filter((key) => isSingleLineScalar(data[key]));
          fc.pre(keys.length > 0 && isSingleLineScalar(replacement));
          const key = keys[seed % keys.length] as string;
          fc.pre(data[key] !== replacement);
          const text = createDocument(format, data, body);
          const next = updateDocument(text, { ...data, [key]: replacement }, body);
          expect(changedLines(text, next)).toBe(1);
          expect(parseDocument(next).data).toEqual({ ...data, [key]: replacement });
        },
      ),
      RUNS,
    );
  });

  it('any edit reads back exactly as the new data, and never touches the body', () => {
    fc.assert(
      fc.property(dataArb(format), mutationArb(format), bodyArb, (data, mutations, body) => {
        const text = createDocument(format, data, body);
        const after = applyMutations(data, mutations);
        const next = updateDocument(text, after, body);
        const reparsed = parseDocument(next);
        expect(reparsed).toEqual({
          format: formatAfter(format, data, after, body),
          data: after,
          body,
        });
        expect(next.endsWith(body)).toBe(true);
      }),
      RUNS,
    );
  });

  it('edits a CRLF file with CRLF line endings only, and reads back exactly', () => {
    fc.assert(
      fc.property(dataArb(format), mutationArb(format), (data, mutations) => {
        const text = createDocument(format, data, 'Body\n').replace(/\r?\n/g, '\r\n');
        const parsed = parseDocument(text);
        const after = applyMutations(parsed.data, mutations);
        const next = updateDocument(text, after, parsed.body);
        expect(parseDocument(next)).toEqual({
          format: formatAfter(format, parsed.data, after, parsed.body),
          data: after,
          body: parsed.body,
        });
        expect(next).not.toMatch(/(?<!\r)\n/);
      }),
      RUNS,
    );
  });

  it('replacing the data with unrelated data reads back exactly', () => {
    fc.assert(
      fc.property(dataArb(format), dataArb(format), bodyArb, (data, other, body) => {
        const text = createDocument(format, data, body);
        expect(parseDocument(updateDocument(text, other, body))).toEqual({
          format: formatAfter(format, data, other, body),
          data: other,
          body,
        });
      }),
      RUNS,
    );
  });

  it('changing the body never touches the front matter bytes', () => {
    fc.assert(
      fc.property(dataArb(format), bodyArb, bodyArb, (data, body, newBody) => {
        const text = createDocument(format, data, body);
        const next = updateDocument(text, data, newBody);
        const head = text.slice(0, text.length - body.length);
        expect(next).toBe(head + newBody);
        expect(parseDocument(next)).toEqual({ format, data, body: newBody });
      }),
      RUNS,
    );
  });
});

describe('files without front matter', () => {
  it('stay without front matter when only the body changes, and gain YAML when keys are added', () => {
    fc.assert(
      fc.property(bodyArb, bodyArb, dataArb('yaml'), (body, newBody, data) => {
        let text = body;
        try {
          if (parseDocument(body).format !== 'none') return;
        } catch {
          return;
        }
        const next = updateDocument(text, {}, newBody);
        expect(parseDocument(next)).toMatchObject({ data: {}, body: newBody });
        text = updateDocument(body, data as FrontMatterData, body);
        const parsed = parseDocument(text);
        expect(parsed.data).toEqual(data);
        expect(parsed.body).toBe(body);
        if (Object.keys(data).length > 0) expect(parsed.format).toBe('yaml');
      }),
      RUNS,
    );
  });
});
