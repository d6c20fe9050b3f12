import { sha1Hex } from "../hash/sha1Hex.js";
import { pythonJsonDumps } from "../fs/pythonJsonDumps.js";

/** Input of botocore's SSOCredentialFetcher._create_cache_key. */
export interface SsoCredentialsCacheKeyInput {
  accountId: string;
  roleName: string;
  /** The profile's sso_session; botocore keys by it only when it is not empty. */
  sessionName?: string | undefined;
  /** Used when sessionName is missing or empty. */
  startUrl?: string | undefined;
}

/** ~/.aws/cli/cache/<key>.json: sha1(json.dumps(args, sort_keys=True, separators=(",", ":"))). */
export function ssoCredentialsCacheKey(input: SsoCredentialsCacheKeyInput): string {
  // botocore: `if self._sso_session_name:`, so `sso_session =` (naming [sso-session ""]) keys by start URL.
  const args = input.sessionName ? { accountId: input.accountId, roleName: input.roleName, sessionName: input.sessionName } : { accountId: input.accountId, roleName: input.roleName, startUrl: input.startUrl };
  return sha1Hex(pythonJsonDumps(args, { sortKeys: true, compact: true }));
}
