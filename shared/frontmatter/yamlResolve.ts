// Hugo 0.111 decodes YAML front matter with go-yaml v2, whose plain-scalar rules are YAML 1.1-like:
// `yes`, `on`, `y` are booleans, `017` is octal, `1_000` is 1000. Checked against /usr/bin/hugo by test/hugo.

/** What a plain (unquoted) YAML scalar means: a JSON value, or a float that JSON cannot hold. */
export type PlainScalarValue = string | number | boolean | null | { nonFinite: number };

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set([
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
]);
const SPECIAL_FLOATS = new Map<string, number>([
  ['.inf', Infinity],
  ['.Inf', Infinity],
  ['.INF', Infinity],
  ['+.inf', Infinity],
  ['+.Inf', Infinity],
  ['+.INF', Infinity],
  ['-.inf', -Infinity],
  ['-.Inf', -Infinity],
  ['-.INF', -Infinity],
  ['.nan', NaN],
  ['.NaN', NaN],
  ['.NAN', NaN],
]);
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const LEADING_DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

function goInteger(text: string): number | undefined {
  if (!GO_INT.test(text)) return undefined;
  const negative = text.startsWith('-');
  const unsigned = text.replace(/^[-+]/, '');
  let digits = unsigned;
  if (/^0[0-7]+$/.test(unsigned)) digits = `0o${unsigned.slice(1)}`;
  const magnitude = BigInt(digits.toLowerCase());
  const value = negative ? -magnitude : magnitude;
  if (value >= INT64_MIN && value <= INT64_MAX) return Number(value);
  // go-yaml falls back to uint64 for large positive literals without a sign.
  if (!text.startsWith('-') && !text.startsWith('+') && value <= UINT64_MAX) return Number(value);
  return undefined;
}

/** Resolves a plain scalar exactly as go-yaml v2 (and so Hugo 0.111) does; timestamps stay strings, as go-yaml hands them to Hugo. */
export function resolvePlainScalar(source: string): PlainScalarValue {
  if (NULLS.has(source)) return null;
  if (TRUES.has(source)) return true;
  if (FALSES.has(source)) return false;
  const special = SPECIAL_FLOATS.get(source);
  if (special !== undefined) return { nonFinite: special };
  const first = source[0] ?? '';
  if (first === '.') {
    return LEADING_DOT_FLOAT.test(source) ? Number(source) : source;
  }
  if (!/[-+0-9]/.test(first)) return source;
  const plain = source.includes('_') ? source.replace(/_/g, '') : source;
  const integer = goInteger(plain);
  if (integer !== undefined) return integer;
  if (YAML_FLOAT.test(plain)) {
    const value = Number(plain);
    // Go's ParseFloat reports overflow as an error and go-yaml then keeps the text.
    return Number.isFinite(value) ? value : source;
  }
  return source;
}

// Strings that YAML 1.2 core, YAML 1.1 or go-yaml could read as something else; never written unquoted.
const YAML12_CORE_NON_STRING =
  /^(?:[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|=|<<)$/;

/** True when a string reads back as the same string under go-yaml v2, YAML 1.1 and YAML 1.2 alike. */
export function isUnambiguousString(text: string): boolean {
  if (resolvePlainScalar(text) !== text) return false;
  if (YAML12_CORE_NON_STRING.test(text)) return false;
  return !/^(?:true|false|null|yes|no|on|off|y|n|~)$/i.test(text);
}
