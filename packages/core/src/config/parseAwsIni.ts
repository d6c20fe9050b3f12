import { pyIndent, pyRstrip, pySplitlines, pyStrip } from "./python.js";

/** One INI file as botocore's configparser reads it: sections of lower-cased keys; nested blocks become objects. */
export type IniValue = string | Record<string, string>;
/** Section headers exactly as written between the brackets (`[profile dev ]` is "profile dev "), in file order. */
export type IniSections = Map<string, Record<string, IniValue>>;

export class IniSyntaxError extends Error {
  readonly line: number;
  readonly reason: string;
  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.line = line;
    this.reason = reason;
  }
}

// botocore: configloader.raw_config_parse; JS SDK: shared-ini-file-loader parseIni
/**
 * Why not the `ini` package alone: on `[profile a]\nregion = eu-west-1 ; x\nb = a#b\nc: d\nUP = 1\nx = 1\nx = 2\ns3 =\n  k = v`
 * ini 7 gives region "eu-west-1" and b "a" (inline comments stripped), `c: d` as a boolean key, keeps "UP", lets the
 * second x win, flattens the s3 block and merges duplicate sections: six departures from botocore on one file.
 *
 * This is CPython 3.11's `RawConfigParser._read` (strict, no inline comments, empty lines kept in values) followed by
 * botocore's `raw_config_parse`, line by line:
 * - lines end at \n, \r\n or \r (Python's universal newlines), so U+2028 or \x85 inside a value is part of it;
 * - a line whose stripped text starts with `#` or `;` is a comment, wherever it is; text after a value is kept;
 * - a line indented deeper than the line of the current key continues its value (even one that looks like a header);
 * - `[` + anything + `]` at the start of a line is a header: `[profile dev]  # note` is "profile dev", nothing is trimmed;
 * - otherwise the first `=` or `:` splits key and value; the key is lower-cased (Python `lower()`);
 * - a repeated section or key is an error ([DEFAULT] may repeat, its keys may not), and `[DEFAULT]` keys are
 *   inherited by every section;
 * - strip and rstrip are Python's (they also remove U+001C–U+001F and U+0085, and keep U+FEFF);
 * - a value that starts with a newline is a nested block (`s3 =` + indented `k = v` lines), split with Python's
 *   `splitlines()`; a block line without `=` is an error, as in botocore's `_parse_nested`.
 */
export function parseAwsIni(text: string): IniSections {
  const raw = new Map<string, Map<string, string[]>>();
  const defaults = new Map<string, string[]>();
  const added = new Set<string>();
  const startLine = new Map<string[], number>();
  let current: Map<string, string[]> | undefined;
  let sectionName: string | undefined;
  let option: string | undefined;
  let indentLevel = 0;
  let firstBadLine: number | undefined;
  // The mark Windows editors leave: botocore fails on it, we skip it (docs/compatibility.md).
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  lines.forEach((line, i) => {
    const n = i + 1;
    const value = pyStrip(line);
    if (value === "" || value.startsWith("#") || value.startsWith(";")) {
      // A blank line (not a comment) belongs to the value being read; trailing ones are stripped at the end.
      if (value === "" && current && option !== undefined) current.get(option)!.push("");
      return;
    }
    const indent = pyIndent(line);
    if (current && option !== undefined && indent > indentLevel) {
      current.get(option)!.push(value);
      return;
    }
    indentLevel = indent;
    const close = value.lastIndexOf("]");
    if (value.startsWith("[") && close >= 2) {
      const name = value.slice(1, close);
      option = undefined;
      sectionName = name;
      if (name === "DEFAULT") {
        current = defaults;
        return;
      }
      if (raw.has(name)) throw new IniSyntaxError(n, `section [${name}] appears twice`);
      current = new Map();
      raw.set(name, current);
      return;
    }
    if (!current) throw new IniSyntaxError(n, value.startsWith("[") ? "not a valid [section] header" : "a setting before any [section]");
    const delimiter = value.search(/[=:]/);
    const key = delimiter < 0 ? "" : pyRstrip(value.slice(0, delimiter)).toLowerCase();
    if (key === "") {
      // configparser reads on and reports every bad line at the end; the first one is enough for a fix.
      firstBadLine ??= n;
      option = undefined;
      return;
    }
    if (added.has(`${sectionName}\u0000${key}`)) throw new IniSyntaxError(n, `key ${key} appears twice in one section`);
    added.add(`${sectionName}\u0000${key}`);
    const values = [pyStrip(value.slice(delimiter + 1))];
    current.set(key, values);
    startLine.set(values, n);
    option = key;
  });
  if (firstBadLine !== undefined) {
    const bad = pyStrip(lines[firstBadLine - 1]!);
    throw new IniSyntaxError(
      firstBadLine,
      bad.startsWith("[") ? "not a valid [section] header" : bad.search(/[=:]/) === 0 ? "a setting with no key" : "not a section, a setting (key = value) or a comment",
    );
  }
  const sections: IniSections = new Map();
  for (const [name, options] of raw) {
    const section: Record<string, IniValue> = Object.create(null);
    for (const [k, v] of [...options, ...[...defaults].filter(([k]) => !options.has(k))]) {
      const joined = pyRstrip(v.join("\n"));
      section[k] = joined.startsWith("\n") ? parseNested(joined, name, k, startLine.get(v)!) : joined;
    }
    sections.set(name, section);
  }
  return sections;
}

// botocore's _parse_nested: Python splitlines, strip, skip empty lines, split on the first "=" (a line without one is
// a ValueError botocore turns into ConfigParseError), strip both sides, keep the key's case.
function parseNested(value: string, section: string, key: string, lineNo: number): Record<string, string> {
  const nested: Record<string, string> = Object.create(null);
  for (const line of pySplitlines(value)) {
    const stripped = pyStrip(line);
    if (stripped === "") continue;
    const eq = stripped.indexOf("=");
    if (eq < 0) throw new IniSyntaxError(lineNo, `the ${key} block of [${section}] has a line without "=" (${stripped})`);
    nested[pyStrip(stripped.slice(0, eq))] = pyStrip(stripped.slice(eq + 1));
  }
  return nested;
}
