import type { FrontMatterPosition } from './FrontMatterError.ts';

/** Converts a string offset into a 1-based line and column (UTF-16 units, the BOM not counted), as editors show them. */
export function positionAt(text: string, offset: number): FrontMatterPosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  const bomShift = line === 1 && text.charCodeAt(0) === 0xfeff && end > 0 ? 1 : 0;
  return { line, column: end - lineStart - bomShift + 1 };
}

/** Formats a position the way every message of the engine names it. */
export function describePosition(position: FrontMatterPosition): string {
  return `line ${position.line}, column ${position.column}`;
}

/** Offset of the first character of the line that contains `offset`. */
export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break that ends the line containing `offset - 1`; a range ending there removes whole lines. */
export function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** The leading spaces and tabs of the line that contains `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  const match = /^[ \t]*/.exec(text.slice(start, start + 200));
  return match ? match[0] : '';
}

/** True when only spaces and tabs stand between the start of the line and `offset`. */
export function startsItsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartAt(text, offset), offset));
}
