// Data files of files collections (data/*.yml, hugo.toml, *.json): read whole, edited in place
// (comments, order, quoting kept; no-op byte-identical), refused when not a map.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createDataFile,
  dataFileFormat,
  parseDataFile,
  updateDataFile,
  type DataFileFormat,
} from '../../../shared/frontmatter/dataFile.ts';
import { FrontMatterError } from '../../../shared/frontmatter/index.ts';

const YAML = '\uFEFF# menu\r\ntitle: "Main" # shown\r\nmain:\r\n  - name: Home\r\n    url: /\r\n';
const TOML =
  '# site\nbaseURL = "https://x.org/"\n\n[params]\n  # footer\n  description = \'old\'\n  n = 1\n';
const JSON_TEXT = '{\n    "b": 1,\n    "a": [1, 2]\n}\n';

describe('data files', () => {
  it('knows a data file by its extension', () => {
    expect(
      ['data/menu.yml', 'x.YAML', 'hugo.toml', 'data/a.json', 'content/a.md'].map(dataFileFormat),
    ).toEqual(['yaml', 'yaml', 'toml', 'json', null]);
  });

  it('changes one value and nothing else (BOM, CRLF, comments, quotes, order)', () => {
    const yaml = updateDataFile(YAML, 'yaml', { ...parseDataFile(YAML, 'yaml'), title: 'Top' });
    expect(yaml).toBe(YAML.replace('"Main"', '"Top"'));
    const toml = updateDataFile(TOML, 'toml', {
      ...parseDataFile(TOML, 'toml'),
      params: { description: 'new', n: 1 },
    });
    expect(toml).toBe(TOML.replace("'old'", "'new'"));
    const json = updateDataFile(JSON_TEXT, 'json', { b: 2, a: [1, 2] });
    expect(json).toBe(JSON_TEXT.replace('"b": 1', '"b": 2'));
  });

  it('gives the very text back when nothing changes', () => {
    for (const [text, format] of [
      [YAML, 'yaml'],
      [TOML, 'toml'],
      [JSON_TEXT, 'json'],
    ] as const)
      expect(updateDataFile(text, format, parseDataFile(text, format))).toBe(text);
  });

  it('refuses a file that is not a map of keys, with where it is', () => {
    expect(() => parseDataFile('- a\n- b\n', 'yaml')).toThrow(FrontMatterError);
    expect(() => parseDataFile('[1, 2]', 'json')).toThrow(FrontMatterError);
    expect(() => parseDataFile('a = \n', 'toml')).toThrow(/^Invalid TOML file at line 2/);
    expect(() => parseDataFile('- a\n', 'yaml')).toThrow(/^The YAML file is a list/);
  });

  it('writes new and empty files that read back as their data', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<DataFileFormat>('yaml', 'toml', 'json'),
        fc.dictionary(
          fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
          fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.integer(),
            fc.boolean(),
            fc.array(fc.integer(), { maxLength: 3 }),
          ),
          { maxKeys: 5 },
        ),
        (format, data) => {
          expect(parseDataFile(createDataFile(format, data), format)).toEqual(data);
          expect(parseDataFile(updateDataFile('', format, data), format)).toEqual(data);
        },
      ),
      { numRuns: 150 },
    );
  });
});
