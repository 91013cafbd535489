import { FrontMatterError } from './FrontMatterError.ts';
import { isUnambiguousString } from './yamlResolve.ts';

/** The YAML scalar styles, named as the `yaml` package names them. */
export type YamlScalarStyle =
  'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/** Where a scalar is written and how the value it replaces was written. */
export interface YamlScalarContext {
  /** Inside `[...]` or `{...}`, where `,[]{}` end a plain scalar. */
  flow: boolean;
  /** The style of the value being replaced, kept when the new value can be written in it. */
  style?: YamlScalarStyle;
  /** The replaced value was a float (`1.0`), so an integral replacement keeps a fraction. */
  wasFloat?: boolean;
  /** Block scalars (`|`) may be used: the scalar ends its line. */
  allowBlock?: boolean;
  /** Column of the line that owns the scalar (key or `-`); block scalar content is indented past it. */
  ownerColumn: number;
  /** The value belongs to a Hugo date key, so a timestamp may stay unquoted. */
  dateKey?: boolean;
  /** Indentation of block scalar content lines; defaults to ownerColumn + 2. */
  contentIndent?: number;
  eol: string;
}

// Control characters, lone surrogates, BOM, and NEL/LS/PS, which YAML 1.1 readers (go-yaml v2) take as line breaks.
const NON_PRINTABLE =
  // eslint-disable-next-line no-control-regex -- this pattern exists to find control characters
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\ufffe\uffff\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const TIMESTAMP_LIKE = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[Tt \t])/;

function hasNonPrintable(text: string): boolean {
  return NON_PRINTABLE.test(text);
}

/** True when `text` can be written without quotes and still read back as the same string everywhere Hugo might read it. */
export function isPlainSafe(text: string, flow: boolean, allowTimestamp = false): boolean {
  if (text === '' || /^[\s]|[\s]$/.test(text) || /[\n\r\t]/.test(text) || hasNonPrintable(text))
    return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) || text.startsWith('...')) return false;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) return false;
  if (flow && /[,[\]{}]/.test(text)) return false;
  if (!allowTimestamp && TIMESTAMP_LIKE.test(text)) return false;
  return isUnambiguousString(text);
}

/** Writes text as a YAML double-quoted scalar, escaping everything that is not printable. */
export function doubleQuoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
      out += `\\x${code.toString(16).padStart(2, '0').toUpperCase()}`;
    else if (
      code === 0xfeff ||
      code === 0xfffe ||
      code === 0xffff ||
      code === 0x2028 ||
      code === 0x2029
    )
      out += `\\u${code.toString(16).toUpperCase()}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      throw new FrontMatterError(
        'unsupported_value',
        'Text with half of a surrogate pair cannot be written.',
      );
    else out += ch;
  }
  return `${out}"`;
}

function singleQuotable(text: string): boolean {
  return !/[\n\r]/.test(text) && !hasNonPrintable(text);
}

function blockable(text: string): boolean {
  if (
    !/\S/.test(text) ||
    text.includes('\r') ||
    /[^\S\n]$/.test(text.replace(/\n+$/, '')) ||
    hasNonPrintable(text)
  )
    return false;
  const lines = text.replace(/\n+$/, '').split('\n');
  return !lines.some((line) => /^[ \t]+$/.test(line)) && !/\t/.test(text);
}

function blockScalar(text: string, folded: boolean, ctx: YamlScalarContext): string {
  const indent = Math.max(ctx.contentIndent ?? ctx.ownerColumn + 2, ctx.ownerColumn + 1);
  const trailing = /\n*$/.exec(text)?.[0].length ?? 0;
  const lines = text.slice(0, text.length - trailing).split('\n');
  const firstContent = lines.find((line) => line !== '') ?? '';
  // An explicit indentation indicator is needed when content starts with a space; it is relative to the owner's column.
  const indicator = /^\s/.test(firstContent) ? String(indent - ctx.ownerColumn) : '';
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const pad = ' '.repeat(indent);
  const body = lines.map((line) => (line === '' ? '' : pad + line)).join(ctx.eol);
  return `${folded ? '>' : '|'}${indicator}${chomp}${ctx.eol}${body}${ctx.eol.repeat(Math.max(0, trailing - 1))}`;
}

/** Formats a number so that YAML, TOML and JSON readers all get it back, keeping a fraction when the old value was a float. */
export function numberText(value: number, keepFloat: boolean): string {
  if (!Number.isFinite(value))
    throw new FrontMatterError(
      'unsupported_value',
      `${value} cannot be written; use a finite number.`,
    );
  const text = String(Object.is(value, -0) ? 0 : value);
  return keepFloat && /^-?\d+$/.test(text) ? `${text}.0` : text;
}

function stringText(text: string, ctx: YamlScalarContext): string {
  const style = ctx.style;
  const canBlock = ctx.allowBlock === true && !ctx.flow && blockable(text);
  if (style === 'PLAIN' && isPlainSafe(text, ctx.flow, true)) return text;
  if (style === 'QUOTE_SINGLE' && singleQuotable(text)) return `'${text.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE') return doubleQuoted(text);
  if (
    style === 'BLOCK_FOLDED' &&
    canBlock &&
    !text.replace(/\n+$/, '').includes('\n') &&
    !/^\s/.test(text)
  )
    return blockScalar(text, true, ctx);
  if ((style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') && canBlock)
    return blockScalar(text, false, ctx);
  if (style === undefined && isPlainSafe(text, ctx.flow, ctx.dateKey === true)) return text;
  if (style === undefined && canBlock && text.includes('\n')) return blockScalar(text, false, ctx);
  if (/["\\]/.test(text) && singleQuotable(text)) return `'${text.replace(/'/g, "''")}'`;
  return doubleQuoted(text);
}

/** Writes a scalar for YAML, keeping the replaced value's style when the new value can be written in it. */
export function yamlScalarText(
  value: string | number | boolean | null,
  ctx: YamlScalarContext,
): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value, ctx.wasFloat === true);
  return stringText(value, ctx);
}

/** Writes a map key for YAML: plain when unambiguous, else quoted (keys are at most 1024 characters in YAML). */
export function yamlKeyText(key: string, flow: boolean): string {
  if (key.length > 1000)
    throw new FrontMatterError(
      'unsupported_value',
      `The key "${key.slice(0, 40)}…" is longer than YAML allows for a key; shorten it.`,
    );
  if (isPlainSafe(key, flow) && !key.includes(':') && !key.includes('#')) return key;
  return doubleQuoted(key);
}
