import type { CoreDeps } from "../deps.js";
import { tokenCachePath } from "../paths/index.js";
import type { SsoSession } from "../types.js";

/**
 * The per-session login lock, next to the token file. Held over check + login + write, so a second
 * `sso login` (or a credential request that must log in) waits for the first instead of opening another tab.
 * Distinct from the token file's refresh lock (`<token>.lock`), which a login may take while holding this one.
 */
export function loginLockPath(deps: Pick<CoreDeps, "env" | "homedir">, session: SsoSession): string {
  return `${tokenCachePath(deps, session)}.login.lock`;
}
