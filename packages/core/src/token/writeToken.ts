import type { CoreDeps } from "../deps.js";
import { writeFileAtomic } from "../fs/writeFileAtomic.js";
import { tokenCachePath } from "../paths/index.js";
import type { SsoSession, SsoToken } from "../types.js";
import { serializeToken } from "./serializeToken.js";

// botocore: SSOTokenLoader.save_token; JS SDK: token-providers writeSSOTokenToFile
/** Write ~/.aws/sso/cache/<key>.json exactly as the AWS CLI does, atomically, 0600. Returns the path. */
export async function writeToken(deps: CoreDeps, session: SsoSession, token: SsoToken): Promise<string> {
  const path = tokenCachePath(deps, session);
  await writeFileAtomic(deps, path, serializeToken(token));
  return path;
}
