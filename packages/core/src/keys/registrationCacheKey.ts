import { sha1Hex } from "../hash/sha1Hex.js";
import { pythonJsonDumps } from "../fs/pythonJsonDumps.js";

/**
 * ~/.aws/sso/cache/<key>.json of the AWS CLI's client registration (aws-sso-facts §4.4): sha1 of
 * json.dumps({"tool": "botocore", startUrl, region, scopes, session_name}, sort_keys=True) with default separators.
 * `scopes` is the configured sso_registration_scopes (null when unset); `sessionName` null for legacy profiles.
 */
export function registrationCacheKey(input: { startUrl: string; region: string; scopes: string[] | undefined; sessionName: string | undefined }): string {
  // Keys in Python's sorted order; null (not undefined) so the key is written as the CLI writes it.
  const args = { region: input.region, scopes: input.scopes ?? null, session_name: input.sessionName ?? null, startUrl: input.startUrl, tool: "botocore" };
  return sha1Hex(pythonJsonDumps(args));
}
