// YAML breaks lines at CRLF, LF and a lone CR.
const LINE_BREAK = /\r\n?|\n/;

/**
 * True when every value of a YAML source fits on its line: each line is blank, a comment, a list
 * item, a `key: value`, or content of a block scalar (`|`, `>`) above it. Text that runs over
 * several lines without a block indicator (a plain or quoted scalar, a flow collection) is where
 * YAML readers differ most on indentation, so the fast reader leaves such sources to the
 * canonical one. Conservative: a source that fails this check may still be valid YAML.
 */
export function valuesFitOnTheirLines(source: string): boolean {
  let blockIndent = -1;
  for (const line of source.split(LINE_BREAK)) {
    const indent = leadingSpaces(line);
    const blank = indent === line.length;
    if (blockIndent >= 0 && (blank || indent > blockIndent)) continue;
    blockIndent = -1;
    if (blank || line[indent] === '#') continue;
    const shape = lineShape(line, indent);
    if (shape === null) return false;
    if (shape.blockScalar) blockIndent = indent;
  }
  return true;
}

/** What one line holds after its indentation and list markers, or null when it is not self-contained. */
function lineShape(line: string, indent: number): { blockScalar: boolean } | null {
  let at = indent;
  let item = false;
  while (line[at] === '-' && (at + 1 === line.length || line[at + 1] === ' ')) {
    item = true;
    at = skipSpaces(line, at + 1);
  }
  if (at === line.length) return { blockScalar: false };
  // A key, quoted or plain, then the value after ": ".
  const keyEnd = endOfKey(line, at);
  if (keyEnd === -2) return null;
  if (keyEnd >= 0) at = skipSpaces(line, keyEnd + 1);
  else if (!item) return null; // a bare value on its own line: the rest of a multi-line scalar
  return valueShape(line, at);
}

// Where the `:` after a key starting at `at` is; -1 when the line holds no key; -2 when a quote
// opened here does not close on this line.
function endOfKey(line: string, at: number): number {
  const c = line[at];
  if (c === '"' || c === "'") {
    const close = endOfQuoted(line, at);
    if (close === -1) return -2;
    const after = skipSpaces(line, close);
    return line[after] === ':' && isSeparator(line, after + 1) ? after : -1;
  }
  for (let i = at; i < line.length; i++) {
    if (line[i] === ':' && isSeparator(line, i + 1)) return i;
    if (line[i] === '#' && line[i - 1] === ' ') return -1;
  }
  return -1;
}

function valueShape(line: string, at: number): { blockScalar: boolean } | null {
  const c = line[at];
  if (c === '"' || c === "'") return endOfQuoted(line, at) === -1 ? null : { blockScalar: false };
  return { blockScalar: c === '|' || c === '>' };
}

// The index after the closing quote of the scalar opened at `at`, or -1 when it does not close.
function endOfQuoted(line: string, at: number): number {
  const quote = line[at];
  for (let i = at + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

function isSeparator(line: string, at: number): boolean {
  return at === line.length || line[at] === ' ';
}

function leadingSpaces(line: string): number {
  return skipSpaces(line, 0);
}

function skipSpaces(line: string, at: number): number {
  while (line[at] === ' ') at++;
  return at;
}
