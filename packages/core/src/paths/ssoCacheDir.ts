import { join } from "node:path";
import type { CoreDeps } from "../deps.js";
import { expandUserPath } from "./expandUserPath.js";

/**
 * ~/.aws/sso/cache, where the AWS CLI, botocore and the JS SDK keep SSO tokens. `SSO_CREDS_SSO_CACHE_DIR` relocates
 * it (devcontainers that mount only a cache volume); the AWS tools themselves do not read that variable.
 */
export function ssoCacheDir(deps: Pick<CoreDeps, "homedir"> & Partial<Pick<CoreDeps, "env">>): string {
  return expandUserPath(deps, deps.env?.SSO_CREDS_SSO_CACHE_DIR) ?? join(deps.homedir(), ".aws", "sso", "cache");
}
