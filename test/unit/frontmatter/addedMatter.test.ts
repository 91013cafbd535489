import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, updateDocument } from '../../../shared/frontmatter/index.ts';

// Issue 18, point 7: front matter Folio adds, Folio can take away.
describe('front matter added to a file without any', () => {
  it('goes away again when its last key is removed, leaving the file byte for byte', () => {
    const original = 'Hello, world.\n\nSecond paragraph.\n';
    const added = updateDocument(original, { draft: true }, parseDocument(original).body);
    expect(added).toBe('---\ndraft: true\n---\nHello, world.\n\nSecond paragraph.\n');
    expect(updateDocument(added, {}, parseDocument(added).body)).toBe(original);
  });

  it('keeps CRLF and a BOM through the round trip', () => {
    const original = '\uFEFFLine one\r\nLine two\r\n';
    const added = updateDocument(original, { draft: true }, parseDocument(original).body);
    expect(added.startsWith('\uFEFF---\r\ndraft: true\r\n---\r\n')).toBe(true);
    expect(updateDocument(added, {}, parseDocument(added).body)).toBe(original);
  });

  it('keeps a block that still holds a comment, and one whose body would read as front matter', () => {
    expect(updateDocument('---\n# keep me\na: 1\n---\nBody\n', {}, 'Body\n')).toBe(
      '---\n# keep me\n---\nBody\n',
    );
    expect(updateDocument('---\na: 1\n---\n---\nhr\n', {}, '---\nhr\n')).toBe(
      '---\n---\n---\nhr\n',
    );
  });

  it('keeps an emptied TOML or JSON block (Folio only ever adds YAML)', () => {
    expect(updateDocument('+++\ndraft = true\n+++\nBody\n', {}, 'Body\n')).toBe('+++\n+++\nBody\n');
    expect(parseDocument(updateDocument('{"draft": true}\nBody\n', {}, 'Body\n')).format).toBe(
      'json',
    );
  });

  it('for any body, adding then removing keys gives back the original text', () => {
    const key = fc.constantFrom('draft', 'featured', 'title', 'weight');
    const value = fc.oneof(fc.boolean(), fc.integer(), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.dictionary(key, value, { minKeys: 1 }),
        (raw, data) => {
          const original = `Text ${raw}\n`;
          let parsed;
          try {
            parsed = parseDocument(original);
          } catch {
            return;
          }
          if (parsed.format !== 'none') return;
          const added = updateDocument(original, data, parsed.body);
          expect(updateDocument(added, {}, parseDocument(added).body)).toBe(original);
        },
      ),
      { numRuns: 300 },
    );
  });
});
