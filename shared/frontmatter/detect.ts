import { FrontMatterError } from './FrontMatterError.ts';
import { MAX_FRONT_MATTER_BYTES, utf8Length } from './limits.ts';
import { describePosition, positionAt } from './textPosition.ts';
import type { FrontMatterFormat } from './types.ts';

/** Where a file's front matter source, closing delimiter and body lie, as offsets into the whole text. */
export interface FrontMatterSplit {
  format: FrontMatterFormat;
  /** The file's line ending, taken from its first line break; new lines are written with it. */
  eol: '\n' | '\r\n';
  /** Offset of the first character of the front matter source (after the opening delimiter line; at `{` for JSON). */
  matterStart: number;
  /** Offset just past the front matter source (the start of the closing delimiter line; just past `}` for JSON). */
  matterEnd: number;
  /** Offset of the first character of the body. */
  bodyStart: number;
}

const CODE_ENGINES = /^(?:js|javascript|coffee|coffeescript|cson)$/i;

function detectEol(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

function checkSize(text: string, start: number, end: number): void {
  if (
    end - start > MAX_FRONT_MATTER_BYTES ||
    utf8Length(text.slice(start, end)) > MAX_FRONT_MATTER_BYTES
  ) {
    const where = describePosition(positionAt(text, start));
    throw new FrontMatterError(
      'too_large',
      `The front matter starting at ${where} is larger than ${MAX_FRONT_MATTER_BYTES / 1024} KiB; move large data out of the front matter (for example into a data file).`,
      positionAt(text, start),
    );
  }
}

function splitDelimited(
  text: string,
  open: number,
  delimiter: '---' | '+++',
  format: 'yaml' | 'toml',
): FrontMatterSplit {
  const name = format === 'yaml' ? 'YAML' : 'TOML';
  const nl = text.indexOf('\n', open);
  const rest = text.slice(open + 3, nl === -1 ? text.length : nl).replace(/\r$/, '');
  // Hugo reads whatever follows the dashes as front matter, gray-matter as a language name (`---js` runs code): accept neither.
  if (!/^[ \t]*(?:#.*)?$/.test(rest)) {
    const language = rest.trim();
    const position = positionAt(text, open + 3);
    if (CODE_ENGINES.test(language)) {
      throw new FrontMatterError(
        'code_engine',
        `The front matter at ${describePosition(positionAt(text, open))} is marked as "${language}" code; Folio never runs front matter as code. Rewrite it as YAML (---), TOML (+++) or JSON.`,
        position,
      );
    }
    throw new FrontMatterError(
      'syntax',
      `Unexpected "${language}" after the opening ${delimiter} at ${describePosition(position)}; the opening delimiter must stand alone on its line.`,
      position,
    );
  }
  if (nl === -1) return unclosed(text, open, name, delimiter);
  const matterStart = nl + 1;
  // Like Hugo's lexer, the first line that starts with the delimiter closes the block.
  let lineStart = matterStart;
  while (!text.startsWith(delimiter, lineStart)) {
    const next = text.indexOf('\n', lineStart);
    if (next === -1) return unclosed(text, open, name, delimiter);
    lineStart = next + 1;
  }
  checkSize(text, matterStart, lineStart);
  const afterDelimiter = lineStart + 3;
  const tail = /^[ \t]*(?:\r?\n|$)/.exec(text.slice(afterDelimiter, afterDelimiter + 256));
  const bodyStart =
    tail && (tail[0].endsWith('\n') || afterDelimiter + tail[0].length === text.length)
      ? afterDelimiter + tail[0].length
      : afterDelimiter;
  return { format, eol: detectEol(text), matterStart, matterEnd: lineStart, bodyStart };
}

function splitJson(text: string, open: number): FrontMatterSplit {
  // The same brace scan as Hugo's lexer, so both agree on where the JSON object ends.
  let level = 0;
  let inQuote = false;
  let i = open;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{' && !inQuote) level++;
    else if (ch === '}' && !inQuote) level--;
    else if (ch === '"') inQuote = !inQuote;
    else if (ch === '\\') i++;
    if (level === 0) break;
  }
  if (i >= text.length) {
    const position = positionAt(text, open);
    throw new FrontMatterError(
      'unclosed',
      `The JSON front matter opened with { at ${describePosition(position)} has no matching }; close the object (check for an unterminated string).`,
      position,
    );
  }
  const matterEnd = i + 1;
  checkSize(text, open, matterEnd);
  let bodyStart = matterEnd;
  if (text[bodyStart] === '\r') bodyStart++;
  if (text[bodyStart] === '\n') bodyStart++;
  return { format: 'json', eol: detectEol(text), matterStart: open, matterEnd, bodyStart };
}

/** Finds the front matter of a Markdown file the way Hugo's page lexer does (BOM and blank lines before it allowed); throws FrontMatterError when it is unclosed, code, or too large. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let i = bomLength;
  while (
    i < text.length &&
    (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n')
  )
    i++;
  if (text.startsWith('---', i) && text[i + 3] !== '-')
    return splitDelimited(text, i, '---', 'yaml');
  if (text.startsWith('+++', i) && text[i + 3] !== '+')
    return splitDelimited(text, i, '+++', 'toml');
  if (text[i] === '{') return splitJson(text, i);
  if (text.startsWith('#+', i)) {
    const position = positionAt(text, i);
    throw new FrontMatterError(
      'syntax',
      `The file starts with Org-mode front matter (#+KEY: value) at ${describePosition(position)}, which Folio does not edit; convert it to YAML (---) or TOML (+++).`,
      position,
    );
  }
  return {
    format: 'none',
    eol: detectEol(text),
    matterStart: bomLength,
    matterEnd: bomLength,
    bodyStart: bomLength,
  };
}

// Kept out of splitDelimited: a closure made for every file costs a little across 10,000.
function unclosed(text: string, open: number, name: string, delimiter: string): never {
  const position = positionAt(text, open);
  throw new FrontMatterError(
    'unclosed',
    `The ${name} front matter opened at ${describePosition(position)} is never closed; add a line with ${delimiter} after its last line.`,
    position,
  );
}
