import type { Entry } from '../../shared/api/contract.ts';
import { parseDocumentData, type FrontMatterFormat } from '../../shared/frontmatter/index.ts';
import { frontMatterComments } from '../../shared/frontmatter/comments.ts';
import { dataFileFormat, parseDataFile } from '../../shared/frontmatter/dataFile.ts';
import { decodeText } from './decodeText.ts';
import type { EntryLocation } from './entryPaths.ts';
import { toParseProblem } from './summarizeDocument.ts';

/**
 * The API view of one version of an entry. A file Folio cannot parse comes back with status 200,
 * its raw text and the parse error (line, column), so the editor can show it read-only.
 */
export function readEntry(
  bytes: Buffer,
  location: EntryLocation,
  oid: string,
  head: string,
): Entry {
  const base = { id: location.id, collection: location.collection, oid, head };
  const text = decodeText(bytes);
  if (text === null) {
    return {
      ...base,
      format: 'none',
      frontMatter: {},
      body: '',
      raw: bytes.toString('utf8'),
      parseError: { message: 'The file is not UTF-8 text.' },
    };
  }
  const dataFormat = dataFileFormat(location.id);
  if (dataFormat) {
    try {
      const data = parseDataFile(text, dataFormat);
      return { ...base, format: dataFormat, frontMatter: data, body: '', dataFile: true };
    } catch (err) {
      return {
        ...base,
        format: dataFormat,
        frontMatter: {},
        body: '',
        raw: text,
        parseError: toParseProblem(err),
        dataFile: true,
      };
    }
  }
  try {
    const doc = parseDocumentData(text);
    const entry: Entry = { ...base, format: doc.format, frontMatter: doc.data, body: doc.body };
    const comments = frontMatterComments(text);
    if (Object.keys(comments).length) entry.comments = comments;
    return entry;
  } catch (err) {
    return {
      ...base,
      format: guessFormat(text),
      frontMatter: {},
      body: '',
      raw: text,
      parseError: toParseProblem(err),
    };
  }
}

// The fence says which syntax the author meant, even when what follows it is broken.
function guessFormat(text: string): FrontMatterFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('---')) return 'yaml';
  if (start.startsWith('+++')) return 'toml';
  if (start.startsWith('{')) return 'json';
  return 'none';
}
