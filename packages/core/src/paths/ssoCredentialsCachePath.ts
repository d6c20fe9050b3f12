import { join } from "node:path";
import type { CoreDeps } from "../deps.js";
import { ssoCredentialsCacheKey, type SsoCredentialsCacheKeyInput } from "../keys/ssoCredentialsCacheKey.js";
import { cliCacheDir } from "./cliCacheDir.js";

export function ssoCredentialsCachePath(deps: Pick<CoreDeps, "homedir"> & Partial<Pick<CoreDeps, "env">>, input: SsoCredentialsCacheKeyInput): string {
  return join(cliCacheDir(deps), `${ssoCredentialsCacheKey(input)}.json`);
}
