import { pyStrip } from "./python.js";

/**
 * sso_registration_scopes as the AWS CLI's parse_sso_registration_scopes reads it: split on ",", each stripped,
 * empties dropped. A setting that is present but holds no scope (`sso_registration_scopes =` or ` , `) is `[]`,
 * which the registration cache key writes as `"scopes": []` (absent is `null`); RegisterClient gets no scopes either way.
 */
export function parseScopes(value: unknown): string[] | undefined {
  if (typeof value !== "string") return undefined;
  return value.split(",").map(pyStripScope).filter(Boolean);
}

function pyStripScope(s: string): string {
  return pyStrip(s);
}
