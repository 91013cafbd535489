import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FrontMatterError,
  parseDocument,
  updateDocument,
} from '../../../shared/frontmatter/index.ts';
import { applyMutations, mutationArb } from './arbitraries.ts';
import { applyScript, defaultScript } from './editScript.ts';
import type { EditScript } from './editScript.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/frontmatter');
const CONTENT = resolve(import.meta.dirname, '../../../content');
// Set FOLIO_UPDATE_GOLDEN=1 to write missing or changed *.expected.md files; review them by eye before committing.
const UPDATE = process.env.FOLIO_UPDATE_GOLDEN === '1';

const read = (file: string): string => readFileSync(file, 'utf8');
const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.md') && !file.endsWith('.expected.md'))
  .map((file) => file.slice(0, -3))
  .sort();

function scriptFor(name: string, text: string): EditScript {
  const file = join(FIXTURES, `${name}.edit.json`);
  if (existsSync(file)) return JSON.parse(read(file)) as EditScript;
  return { ops: defaultScript(parseDocument(text).data) };
}

describe('front matter fixtures', () => {
  it('has at least 40 tricky cases', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of names) {
    const text = read(join(FIXTURES, `${name}.md`));
    const errorFile = join(FIXTURES, `${name}.error.json`);
    if (existsSync(errorFile)) {
      const expected = JSON.parse(read(errorFile)) as {
        reason: string;
        line?: number;
        column?: number;
      };
      it(`${name}: is refused with ${expected.reason}, and never rewritten`, () => {
        const attempts = [
          () => parseDocument(text),
          () => updateDocument(text, { title: 'x' }, 'new body'),
        ];
        for (const attempt of attempts) {
          let caught: unknown;
          try {
            attempt();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(FrontMatterError);
          const error = caught as FrontMatterError;
          expect(error.reason).toBe(expected.reason);
          if (expected.line !== undefined)
            expect({ line: error.line, column: error.column }).toEqual({
              line: expected.line,
              column: expected.column,
            });
          expect(error.message).toMatch(/line \d+, column \d+|KiB/);
        }
      });
      continue;
    }
    it(`${name}: a no-op update is the identity and the scripted edit gives the expected file`, () => {
      const parsed = parseDocument(text);
      expect(updateDocument(text, parsed.data, parsed.body)).toBe(text);
      const script = scriptFor(name, text);
      const data = applyScript(parsed.data, script.ops);
      const body = script.body ?? parsed.body;
      const edited = updateDocument(text, data, body);
      const expectedFile = join(FIXTURES, `${name}.expected.md`);
      if (UPDATE && (!existsSync(expectedFile) || read(expectedFile) !== edited))
        writeFileSync(expectedFile, edited);
      expect(edited).toBe(read(expectedFile));
      const reparsed = parseDocument(edited);
      expect(reparsed.data).toEqual(data);
      expect(reparsed.body).toBe(body);
      expect(reparsed.format).toBe(
        parsed.format === 'none' && Object.keys(data).length > 0 ? 'yaml' : parsed.format,
      );
    });

    it(`${name}: random edits read back exactly (or are refused, only where anchors and merge keys are shared)`, () => {
      const parsed = parseDocument(text);
      const shared = /(^|\s)[&*][\w-]+|<<:/m.test(text);
      fc.assert(
        fc.property(mutationArb(parsed.format === 'none' ? 'yaml' : parsed.format), (mutations) => {
          const data = applyMutations(parsed.data, mutations);
          let next: string;
          try {
            next = updateDocument(text, data, parsed.body);
          } catch (error) {
            expect(
              shared && error instanceof FrontMatterError && error.reason === 'unsupported_value',
            ).toBe(true);
            return;
          }
          expect(parseDocument(next)).toMatchObject({ data, body: parsed.body });
        }),
        { numRuns: 60 },
      );
    });
  }
});

function contentFiles(): string[] {
  if (!existsSync(CONTENT)) return [];
  return (readdirSync(CONTENT, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.md') && !file.split(/[\\/]/).includes('archetypes'))
    .map((file) => join(CONTENT, file));
}

describe('the sample site under content/', () => {
  const files = contentFiles();

  it('has at least one Markdown file', () => {
    expect(files.length).toBeGreaterThanOrEqual(1);
  });

  for (const file of files) {
    it(`${file.slice(CONTENT.length + 1)}: no-op is the identity; toggling draft changes one line; scripted edits read back`, () => {
      const text = read(file);
      const parsed = parseDocument(text);
      expect(updateDocument(text, parsed.data, parsed.body)).toBe(text);
      if (typeof parsed.data.draft === 'boolean') {
        const toggled = updateDocument(
          text,
          { ...parsed.data, draft: !parsed.data.draft },
          parsed.body,
        );
        const before = text.split('\n');
        const after = toggled.split('\n');
        expect(after.length).toBe(before.length);
        expect(after.filter((line, i) => line !== before[i])).toHaveLength(1);
      }
      const data = applyScript(parsed.data, defaultScript(parsed.data));
      const edited = updateDocument(text, data, parsed.body);
      expect(parseDocument(edited)).toEqual({
        format: parsed.format === 'none' ? 'yaml' : parsed.format,
        data,
        body: parsed.body,
      });
      expect(edited.endsWith(parsed.body)).toBe(true);
    });
  }
});
