/** A JSON number exactly as Python's json.dumps writes it (from pythonJsonLoads: a Python int or float repr). */
export class PyNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export interface PythonJsonDumpsOptions {
  /** `sort_keys=True`: keys sorted by code point, at every depth. */
  sortKeys?: boolean;
  /** `separators=(",", ":")` instead of the default `(", ", ": ")`. */
  compact?: boolean;
}

/**
 * Serialise like Python's `json.dumps(obj)` (ensure_ascii=True), the layout botocore and the AWS CLI write to
 * ~/.aws/sso/cache and ~/.aws/cli/cache and hash for cache keys: one line, ", " and ": " separators (or "," and ":"
 * when compact), non-ASCII as \uXXXX. Objects may be plain objects or Maps (a Map keeps keys such as "10" or
 * "__proto__" in its own order; a plain object puts integer-like keys first). Numbers: a JS number is written as
 * JSON.stringify does (our files hold only integers), a bigint as an int, a PyNumber as its Python text.
 */
export function pythonJsonDumps(value: unknown, options: PythonJsonDumpsOptions = {}): string {
  const [item, key] = options.compact ? [",", ":"] : [", ", ": "];
  const dump = (v: unknown): string => {
    if (v === null || v === undefined) return "null";
    if (typeof v === "string") return pyString(v);
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
      return JSON.stringify(v);
    }
    if (v instanceof PyNumber) return v.text;
    if (typeof v === "boolean") return v ? "true" : "false";
    if (Array.isArray(v)) return `[${v.map(dump).join(item)}]`;
    if (typeof v === "object") {
      let entries = v instanceof Map ? [...(v as Map<string, unknown>)] : Object.entries(v as Record<string, unknown>);
      entries = entries.filter(([, x]) => x !== undefined);
      if (options.sortKeys) entries.sort(([a], [b]) => byCodePoint(a, b));
      return `{${entries.map(([k, x]) => `${pyString(k)}${key}${dump(x)}`).join(item)}}`;
    }
    throw new TypeError(`Object of type ${typeof v} is not JSON serializable`);
  };
  return dump(value);
}

/** A Python str as json.dumps writes it with ensure_ascii=True. */
export function pyString(s: string): string {
  // JSON.stringify already escapes quotes, backslashes, control characters and lone surrogates the way
  // Python does; ensure_ascii also escapes DEL and everything above it.
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

// Python compares str by code point; JS's default sort compares UTF-16 units, which differs above U+FFFF.
function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
