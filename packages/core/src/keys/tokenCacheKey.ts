import { sha1Hex } from "../hash/sha1Hex.js";
import type { SsoSession } from "../types.js";

// botocore: SSOTokenLoader._generate_cache_key; JS SDK: shared-ini-file-loader getSSOTokenFilepath
/** ~/.aws/sso/cache/<key>.json: sha1 of the sso-session name, or of the start URL exactly as written for legacy profiles. */
export function tokenCacheKey(session: Pick<SsoSession, "name" | "startUrl">): string {
  return sha1Hex(session.name ?? session.startUrl);
}
