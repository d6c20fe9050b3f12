import type { CoreDeps } from "../deps.js";
import { SsoCredsError } from "../errors.js";
import { lockPathFor, withLock, type LockOptions } from "../fs/withLock.js";
import type { SsoSession, SsoToken } from "../types.js";
import { loadToken, type LoadedToken } from "./loadToken.js";
import { expiredTokenError } from "./readToken.js";
import { refreshSsoToken, type RefreshOptions } from "./refreshSsoToken.js";
import { tokenState } from "./tokenState.js";
import { writeToken } from "./writeToken.js";

export interface GetValidTokenOptions extends RefreshOptions {
  /** Refresh even if more than 15 minutes remain (still single-flight: skipped if another process just did). */
  forceRefresh?: boolean | undefined;
  /** Told when a refresh failed but the old token is still valid and was returned. */
  onRefreshError?: ((error: SsoCredsError) => void) | undefined;
  lock?: LockOptions | undefined;
}

// botocore: SSOTokenProvider._refresher, SSOTokenProvider.load_token; JS SDK: token-providers fromSso
/**
 * A token that is valid now. Inside botocore's 15-minute window it is refreshed through SSO-OIDC under the
 * token file's cross-process lock, re-reading the file first because another process may have refreshed it.
 * A failed refresh never touches the file; the old token is returned while it is still valid.
 */
export async function getValidToken(deps: CoreDeps, session: SsoSession, options: GetValidTokenOptions = {}): Promise<SsoToken> {
  const first = await loadToken(deps, session, options);
  const state = tokenState(first.token, deps.now());
  if (!options.forceRefresh && !state.needsRefresh) return first.token;
  if (!state.refreshable) return validOrThrow(deps, session, first, options, state.expired ? "; it cannot be refreshed" : "");

  return withLock(
    deps,
    lockPathFor(first.path),
    async () => {
      const current = await loadToken(deps, session, options);
      const now = deps.now();
      const cur = tokenState(current.token, now);
      // Another process refreshed while we waited for the lock.
      if (current.raw !== first.raw && !cur.needsRefresh) return current.token;
      if (!options.forceRefresh && !cur.needsRefresh) return current.token;
      if (!cur.refreshable) return validOrThrow(deps, session, current, options, cur.expired ? "; it cannot be refreshed" : "");
      let next: SsoToken;
      try {
        next = await refreshSsoToken(deps, session, current.token, options);
      } catch (e) {
        // A peer that does not take our lock (botocore, the AWS CLI, the JS SDK) may have spent the same refresh token
        // a moment ago: the service rotated it, and the peer's new token is in (or about to reach) the file.
        if (e instanceof SsoCredsError && e.code === "RefreshTokenRejected") {
          // Only an expired token waits for the write; a still valid one is used at once if no peer wrote yet.
          const peers = await tokenAPeerWrote(deps, session, current.raw, options, cur.expired ? PEER_WRITE_WAIT_MS : 0);
          if (peers) return peers;
        }
        if (!(e instanceof SsoCredsError) || cur.expired) throw e;
        options.onRefreshError?.(e);
        return current.token;
      }
      await writeToken(deps, session, next);
      return next;
    },
    options.lock,
  );
}

function validOrThrow(deps: CoreDeps, session: SsoSession, loaded: LoadedToken, options: GetValidTokenOptions, why: string): SsoToken {
  if (loaded.expiresAtMs <= deps.now()) throw expiredTokenError(session, loaded.expiresAtMs, options, why);
  return loaded.token;
}

/** How long a refused refresh watches the file for a peer's write (it lands milliseconds after the peer's answer). */
const PEER_WRITE_WAIT_MS = 2_000;

/** A newer, valid token another program wrote over `raw` since we read it (watched for a moment), else undefined. */
async function tokenAPeerWrote(deps: CoreDeps, session: SsoSession, raw: string, options: GetValidTokenOptions, waitMs: number): Promise<SsoToken | undefined> {
  const until = Date.now() + waitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    const again = await loadToken(deps, session, options).catch(() => undefined);
    if (again && again.raw !== raw) return again.expiresAtMs > deps.now() ? again.token : undefined;
    if (Date.now() >= until) return undefined;
    await new Promise((r) => setTimeout(r, delay));
  }
}
