import { join } from "node:path";
import type { CoreDeps } from "../deps.js";
import { expandUserPath } from "./expandUserPath.js";

/** ~/.aws/cli/cache, where AWS CLI v2 caches role credentials; `SSO_CREDS_CLI_CACHE_DIR` relocates it (ours only). */
export function cliCacheDir(deps: Pick<CoreDeps, "homedir"> & Partial<Pick<CoreDeps, "env">>): string {
  return expandUserPath(deps, deps.env?.SSO_CREDS_CLI_CACHE_DIR) ?? join(deps.homedir(), ".aws", "cli", "cache");
}
