import type { CoreDeps } from "../deps.js";
import { withLock, type LockHolder } from "../fs/index.js";
import type { SsoSession } from "../types.js";
import { loginLockPath } from "./loginLockPath.js";

/**
 * Wait until no `sso login` for this session is in progress (returns at once when none is). For a credential
 * request that found no valid token: if a login is running, the fresh token is about to appear, so wait for it
 * instead of failing with "run sso login" (or starting a second login).
 * Returns true if it had to wait.
 */
export async function waitForLogin(
  deps: CoreDeps,
  session: SsoSession,
  options: { timeoutMs?: number; onWait?: (holder: LockHolder | undefined) => void } = {},
): Promise<boolean> {
  let waited = false;
  // Taking and releasing the login lock is the wait: it is free exactly when no login holds it.
  await withLock(deps, loginLockPath(deps, session), async () => undefined, {
    timeoutMs: options.timeoutMs ?? 660_000,
    onWait: (holder) => {
      waited = true;
      options.onWait?.(holder);
    },
  });
  return waited;
}
