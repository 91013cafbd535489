import { FrontMatterError } from './FrontMatterError.ts';
import { isHugoDateKey } from './hugoDateKeys.ts';
import type { FrontMatterValue } from './types.ts';

/** How the value being replaced was written, so that a new value keeps its kind and quoting. */
export interface TomlValueStyle {
  kind?:
    | 'string'
    | 'integer'
    | 'float'
    | 'boolean'
    | 'offset-date-time'
    | 'local-date-time'
    | 'local-date'
    | 'local-time'
    | 'array'
    | 'inline-table';
  stringStyle?: 'basic' | 'literal';
  multiline?: boolean;
}

const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const TIME = String.raw`(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?`;
const OFFSET = String.raw`(?:[Zz]|[+-](\d{2}):(\d{2}))`;
const DATETIME_PATTERNS = [
  new RegExp(`^${DATE}[Tt ]${TIME}${OFFSET}$`),
  new RegExp(`^${DATE}[Tt ]${TIME}$`),
  new RegExp(`^${DATE}$`),
  new RegExp(`^()()()${TIME}$`),
];

/** True when `text` is a TOML 1.0 date-time, local date-time, local date or local time that a TOML reader accepts. */
export function isTomlDateTime(text: string): boolean {
  for (const pattern of DATETIME_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [, year, month, day, hour, minute, second, offsetHour, offsetMinute] = m.map((part) =>
      part === undefined || part === '' ? undefined : Number(part),
    );
    if (year !== undefined && month !== undefined && day !== undefined) {
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
      if (days === undefined || day < 1 || day > days) return false;
    }
    if (hour !== undefined && (hour > 23 || (minute ?? 0) > 59 || (second ?? 0) > 60)) return false;
    if (offsetHour !== undefined && (offsetHour > 23 || (offsetMinute ?? 0) > 59)) return false;
    return true;
  }
  return false;
}

function escapeBasic(text: string, keepNewlines: boolean): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += keepNewlines ? '\n' : '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x7f)
      out += `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      throw new FrontMatterError(
        'unsupported_value',
        'Text with half of a surrogate pair cannot be written.',
      );
    else out += ch;
  }
  return out;
}

/** Writes a TOML string, keeping the old quoting (basic, literal, multi-line) when the text can be written in it. */
export function tomlStringText(text: string, style: TomlValueStyle, eol: string): string {
  // eslint-disable-next-line no-control-regex -- these patterns exist to find control characters
  const hasControl = /[\u0000-\u0008\u000a-\u001f\u007f]/.test(text);
  if (style.stringStyle === 'literal' && !style.multiline && !text.includes("'") && !hasControl)
    return `'${text}'`;
  if (style.multiline && text.includes('\n')) {
    // Raw line breaks only in LF files: in a CRLF file they would come back as \r\n.
    const lf = eol === '\n';
    const literalOk =
      lf &&
      style.stringStyle === 'literal' &&
      !text.includes("'''") &&
      !text.endsWith("'") &&
      // eslint-disable-next-line no-control-regex -- this pattern exists to find control characters
      !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text);
    if (literalOk) return `'''\n${text}'''`;
    return `"""${eol}${escapeBasic(text, lf)}"""`;
  }
  return `"${escapeBasic(text, false)}"`;
}

/** Writes a TOML key: bare when it may be, else a quoted basic string. */
export function tomlKeyText(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : `"${escapeBasic(key, false)}"`;
}

function numberText(value: number, keepFloat: boolean): string {
  if (!Number.isFinite(value))
    throw new FrontMatterError(
      'unsupported_value',
      `${value} cannot be written; use a finite number.`,
    );
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) {
    const digits = BigInt(value).toString();
    return keepFloat ? `${digits}.0` : digits;
  }
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** Writes any value inline (arrays `[a, b]`, tables `{ k = v }`), keeping the replaced value's kind where the new value allows. */
export function tomlInlineText(
  value: FrontMatterValue,
  style: TomlValueStyle,
  eol: string,
  key?: string,
): string {
  if (value === null) {
    throw new FrontMatterError(
      'unsupported_value',
      `TOML has no null value${key === undefined ? '' : ` (for "${key}")`}; remove the key instead of clearing it.`,
    );
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value, style.kind === 'float');
  if (typeof value === 'string') {
    const wasDate =
      (style.kind !== undefined && style.kind.includes('date')) || style.kind === 'local-time';
    if (
      (wasDate || (style.kind === undefined && key !== undefined && isHugoDateKey(key))) &&
      isTomlDateTime(value)
    )
      return value;
    return tomlStringText(value, style.kind === 'string' ? style : {}, eol);
  }
  if (Array.isArray(value))
    return `[${value.map((item) => tomlInlineText(item, {}, eol)).join(', ')}]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, item]) => `${tomlKeyText(k)} = ${tomlInlineText(item, {}, eol, k)}`).join(', ')} }`;
}
