import { join } from "node:path";
import type { CoreDeps } from "../deps.js";
import { tokenCacheKey } from "../keys/tokenCacheKey.js";
import type { SsoSession } from "../types.js";
import { ssoCacheDir } from "./ssoCacheDir.js";

export function tokenCachePath(deps: Pick<CoreDeps, "homedir"> & Partial<Pick<CoreDeps, "env">>, session: Pick<SsoSession, "name" | "startUrl">): string {
  return join(ssoCacheDir(deps), `${tokenCacheKey(session)}.json`);
}
