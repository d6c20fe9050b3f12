import { pythonJsonDumps } from "../fs/pythonJsonDumps.js";

/** Python's `json.dumps(value, sort_keys=True)` (default separators, ensure_ascii=True): keys sorted by code point, at every depth. */
export function pythonJsonDumpsSorted(value: unknown): string {
  return pythonJsonDumps(value, { sortKeys: true });
}
