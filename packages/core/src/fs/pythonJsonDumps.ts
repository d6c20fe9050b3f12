/**
 * Serialise like Python's `json.dumps(obj)` with default arguments, the layout botocore and the AWS CLI
 * write to ~/.aws/sso/cache and ~/.aws/cli/cache: one line, ", " and ": " separators, non-ASCII as \uXXXX.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return pyString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    return JSON.stringify(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map((v) => pythonJsonDumps(v)).join(", ")}]`;
  if (typeof value === "object") {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      parts.push(`${pyString(k)}: ${pythonJsonDumps(v)}`);
    }
    return `{${parts.join(", ")}}`;
  }
  throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
}

function pyString(s: string): string {
  // JSON.stringify already escapes quotes, backslashes, control characters and lone surrogates the way
  // Python does; ensure_ascii also escapes DEL and everything above it.
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
