/**
 * The few Python `str` rules botocore's config reading depends on, where JavaScript's differ.
 * - Whitespace (`str.isspace`, `strip()`, `re`'s `\s`): also U+001C–U+001F and U+0085, but not U+FEFF (JS `trim()`
 *   is the other way round), so `sso_start_url = https://x\x1f` is `https://x` to botocore.
 * - `str.splitlines()`: also splits on \v, \f, U+001C–U+001E, U+0085, U+2028 and U+2029 (botocore's `_parse_nested`).
 * - `int()`: surrounding whitespace, a sign, `_` between digits and any Unicode decimal digit (`+1800`, `1_800`, `１８００`).
 */
const WS = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
export const PY_WS = new RegExp(`[${WS}]`);
const LEADING = new RegExp(`^[${WS}]+`);
const TRAILING = new RegExp(`[${WS}]+$`);
const NON_SPACE = new RegExp(`[^${WS}]`);

export const pyLstrip = (s: string): string => s.replace(LEADING, "");
export const pyRstrip = (s: string): string => s.replace(TRAILING, "");
export const pyStrip = (s: string): string => pyRstrip(pyLstrip(s));
/** Index of the first non-whitespace character (configparser's NONSPACECRE), or 0 when there is none. */
export const pyIndent = (s: string): number => Math.max(0, s.search(NON_SPACE));
export const pySplitlines = (s: string): string[] => {
  const lines = s.split(/\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
};

/** Python's `int(text)` for a str, as a BigInt; undefined where Python raises ValueError. */
export function pyInt(text: string): bigint | undefined {
  const m = /^([+-]?)(\p{Nd}(?:_?\p{Nd})*)$/u.exec(pyStrip(text));
  if (!m) return undefined;
  const digits = [...m[2]!.replace(/_/g, "")].map(decimalValue).join("");
  // CPython 3.11 refuses str-to-int conversions of more than 4300 digits (sys.int_info.default_max_str_digits).
  if (digits.length > 4300) return undefined;
  const n = BigInt(digits);
  return m[1] === "-" ? -n : n;
}

// Unicode's decimal digits come in runs of ten, 0 to 9, so a digit's value is its distance from its run's start mod 10.
function decimalValue(c: string): string {
  let cp = c.codePointAt(0)!;
  if (cp <= 0x39) return c;
  const first = cp;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) cp--;
  return String((first - cp) % 10);
}
