import { pythonJsonDumps } from "../fs/pythonJsonDumps.js";

/** Python's `json.dumps(value, sort_keys=True)` (default separators, ensure_ascii=True): keys sorted by code point, at every depth. */
export function pythonJsonDumpsSorted(value: unknown): string {
  return pythonJsonDumps(sortKeysDeep(value));
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  // Python compares str by code point; JS's default sort compares UTF-16 units, which differs above U+FFFF.
  for (const k of Object.keys(value).sort(byCodePoint)) out[k] = sortKeysDeep((value as Record<string, unknown>)[k]);
  return out;
}

function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
