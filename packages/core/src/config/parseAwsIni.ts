/** One INI file as botocore's configparser reads it: sections of lower-cased keys; nested blocks become objects. */
export type IniValue = string | Record<string, string>;
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
 * botocore (RawConfigParser, strict): full-line `#`/`;` comments only (inline text is kept), `=` or `:` delimiters,
 * lower-cased keys, indented continuation lines, a value that starts on the next line is a nested block of `k = v`,
 * duplicate sections or keys are errors.
 */
export function parseAwsIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Record<string, IniValue> | undefined;
  let lastKey: string | undefined;
  let lastIndent = 0;
  let raw: Record<string, string> = {};
  const rawBySection = new Map<string, Record<string, string>>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const flush = () => {
    // configparser keeps blank lines inside a multi-line value and strips the trailing ones.
    if (current && lastKey !== undefined) current[lastKey] = toValue(raw[lastKey]!.replace(/\n+$/, ""));
  };
  lines.forEach((line, i) => {
    const n = i + 1;
    const stripped = line.trim();
    if (stripped === "") {
      if (current && lastKey !== undefined) raw[lastKey] += "\n";
      return;
    }
    if (stripped.startsWith("#") || stripped.startsWith(";")) return;
    const indent = line.length - line.trimStart().length;
    if (indent > lastIndent && current && lastKey !== undefined) {
      raw[lastKey] += "\n" + stripped;
      return;
    }
    const header = /^\[(.+)\]$/.exec(stripped);
    if (header) {
      flush();
      const name = header[1]!.trim();
      // configparser merges repeated [DEFAULT] blocks; any other repeated section is an error (strict mode).
      if (sections.has(name) && name !== "DEFAULT") throw new IniSyntaxError(n, `section [${name}] appears twice`);
      current = sections.get(name) ?? {};
      sections.set(name, current);
      raw = rawBySection.get(name) ?? {};
      rawBySection.set(name, raw);
      lastKey = undefined;
      lastIndent = 0;
      return;
    }
    if (stripped.startsWith("[")) throw new IniSyntaxError(n, "not a valid [section] header");
    if (!current) throw new IniSyntaxError(n, "a setting before any [section]");
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(stripped);
    if (!kv) throw new IniSyntaxError(n, "not a section, a setting (key = value) or a comment");
    flush();
    const key = kv[1]!.toLowerCase();
    if (key in raw) throw new IniSyntaxError(n, `key ${key} appears twice in one section`);
    raw[key] = kv[2]!;
    lastKey = key;
    lastIndent = indent;
  });
  flush();
  return withDefaults(sections);
}

// configparser's `[DEFAULT]` (upper case) is not a section: its keys are inherited by every section that lacks them.
function withDefaults(sections: IniSections): IniSections {
  const defaults = sections.get("DEFAULT");
  if (!defaults) return sections;
  sections.delete("DEFAULT");
  for (const section of sections.values()) for (const [k, v] of Object.entries(defaults)) if (!(k in section)) section[k] = v;
  return sections;
}

function toValue(value: string): IniValue {
  if (!value.startsWith("\n")) return value;
  const nested: Record<string, string> = {};
  for (const line of value.split("\n").slice(1)) {
    // botocore's _parse_nested: split on the first "=", strip both sides, keep the key's case.
    const kv = /^([^=]*?)\s*=\s*(.*)$/.exec(line);
    if (kv) nested[kv[1]!] = kv[2]!;
  }
  return nested;
}
