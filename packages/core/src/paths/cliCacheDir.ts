import { join } from "node:path";
import type { CoreDeps } from "../deps.js";

/** ~/.aws/cli/cache, where AWS CLI v2 caches role credentials. */
export function cliCacheDir(deps: Pick<CoreDeps, "homedir">): string {
  return join(deps.homedir(), ".aws", "cli", "cache");
}
