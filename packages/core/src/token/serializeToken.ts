import { pythonJsonDumps } from "../fs/pythonJsonDumps.js";
import type { SsoToken } from "../types.js";
import { formatAwsTimestamp, parseAwsTimestamp } from "./parseAwsTimestamp.js";

/** The AWS CLI's key order (sso/utils.py `_sso_json_dumps` of the dict it builds); unknown keys follow in their order. */
export const TOKEN_KEY_ORDER = [
  "startUrl",
  "region",
  "accessToken",
  "expiresAt",
  "clientId",
  "clientSecret",
  "registrationExpiresAt",
  "refreshToken",
] as const;

/** The exact bytes the AWS CLI would write for this token: one line, Python separators, `YYYY-MM-DDTHH:MM:SSZ`. */
export function serializeToken(token: SsoToken): string {
  const ordered: Record<string, unknown> = {};
  for (const key of TOKEN_KEY_ORDER) {
    const value = token[key];
    if (value === undefined || value === null) continue;
    ordered[key] = key === "expiresAt" || key === "registrationExpiresAt" ? normaliseTimestamp(value) : value;
  }
  for (const [key, value] of Object.entries(token)) {
    if (!(TOKEN_KEY_ORDER as readonly string[]).includes(key) && value !== undefined) ordered[key] = value;
  }
  return pythonJsonDumps(ordered);
}

function normaliseTimestamp(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const ms = parseAwsTimestamp(value);
  return ms === undefined ? value : formatAwsTimestamp(ms);
}
