import { join } from "node:path";
import type { CoreDeps } from "../deps.js";

/** ~/.aws/sso/cache, where the AWS CLI, botocore and the JS SDK keep SSO tokens. */
export function ssoCacheDir(deps: Pick<CoreDeps, "homedir">): string {
  return join(deps.homedir(), ".aws", "sso", "cache");
}
