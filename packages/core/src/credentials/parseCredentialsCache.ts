import type { RoleCredentials } from "../types.js";
import { parseAwsTimestamp } from "../token/parseAwsTimestamp.js";

/**
 * Validate an AWS CLI v2 SSO credential cache entry ({"ProviderType": "sso", "Credentials": {...}}).
 * Returns the credentials, or the reason (a phrase safe to show; never the content) it is unusable.
 */
export function parseCredentialsCache(raw: string, fallbackAccountId: string): RoleCredentials | { problem: string } {
  if (raw.trim() === "") return { problem: "is empty" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch {
    return { problem: "is not valid JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { problem: "does not hold a JSON object" };
  const creds = (parsed as Record<string, unknown>).Credentials;
  if (typeof creds !== "object" || creds === null || Array.isArray(creds)) return { problem: "has no Credentials object" };
  const c = creds as Record<string, unknown>;
  for (const key of ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"]) {
    if (!(key in c) || c[key] === null) return { problem: `has no Credentials.${key}` };
    if (typeof c[key] !== "string" || c[key] === "") return { problem: `has a Credentials.${key} that is not a non-empty string` };
  }
  const expiration = parseAwsTimestamp(c.Expiration as string);
  if (expiration === undefined) return { problem: "has a Credentials.Expiration that is not a timestamp" };
  if ("AccountId" in c && c.AccountId !== null && typeof c.AccountId !== "string") {
    return { problem: "has a Credentials.AccountId that is not a string" };
  }
  return {
    accessKeyId: c.AccessKeyId as string,
    secretAccessKey: c.SecretAccessKey as string,
    sessionToken: c.SessionToken as string,
    expiration,
    accountId: typeof c.AccountId === "string" && c.AccountId ? c.AccountId : fallbackAccountId,
  };
}
