import {
  credentialsFromTokenInput,
  parseAwsTimestamp,
  TOKEN_INPUT_FIX,
  TokenError,
  type CoreDeps,
  type RoleCredentials,
  type SsoToken,
} from "@sso-creds/core";
import { readHandedOverToken } from "./readHandedOverToken.js";
import type { Settings } from "./readSettings.js";
import { reloginFix } from "./reloginFix.js";

/**
 * A token read from a mount is refreshed here only in its last 5 minutes. The host's tools refresh at 15 (botocore,
 * the AWS CLI, sso) and each refresh rotates the refresh token, so refreshing first here would break the host's
 * session; when the host refreshes, the next read of a live mount picks its token up instead.
 */
export const HOST_REFRESHES_FIRST_MS = 5 * 60_000;

export interface RoleCredentialSource {
  /** Role credentials from the newest token: the one in memory (refreshed there) or a newer one on the mount. */
  fetch(): Promise<RoleCredentials>;
}

/**
 * Role credentials from a handed-over token, for the life of the container. The token is refreshed in memory only
 * (never written back to the mount); before each fetch a file source is read again, so a token the host renewed
 * (sso login, or the host's own refresh) is picked up without a restart.
 */
export function tokenCredentials(deps: CoreDeps, settings: Settings, warn: (line: string) => void): RoleCredentialSource {
  let current: { token: SsoToken; source: string } | undefined;
  const fix = reloginFix(settings.tokenSource, settings.profileName);

  const newest = async (): Promise<{ token: SsoToken; source: string }> => {
    if (!current) return readHandedOverToken(deps, settings.tokenSource, settings.request.startUrl);
    if (settings.tokenSource.kind === "variable") return current;
    const onDisk = await readHandedOverToken(deps, settings.tokenSource, settings.request.startUrl).catch(() => undefined);
    const expiry = (t: SsoToken) => parseAwsTimestamp(t.expiresAt) ?? 0;
    // Not older is enough: a new login can end at the same second, and the host's file is the one it keeps current.
    return onDisk && expiry(onDisk.token) >= expiry(current.token) ? onDisk : current;
  };

  return {
    async fetch() {
      try {
        const { token, source } = await newest();
        const deferToHost = settings.tokenSource.kind === "path" && (parseAwsTimestamp(token.expiresAt) ?? 0) - deps.now() > HOST_REFRESHES_FIRST_MS;
        // Without its refresh token core sees the (still valid) token as not refreshable and uses it as it is.
        const input = deferToHost ? { ...token, refreshToken: undefined } : token;
        const result = await credentialsFromTokenInput(deps, input, { ...settings.request, source });
        current = { token: deferToHost ? token : result.token, source };
        if (result.refreshError) warn(`warning: the SSO token could not be refreshed and is used until it expires at ${token.expiresAt}: ${result.refreshError.message}`);
        return result.credentials;
      } catch (e) {
        throw forContainer(e, fix);
      }
    },
  };
}

/** Core's token messages say to paste a token into a CI secret; in a container the fix is a new login on the host. */
function forContainer(e: unknown, fix: string): unknown {
  if (e instanceof TokenError && (e.fix === TOKEN_INPUT_FIX || e.code === "TokenExpired" || e.code === "TokenRejected")) {
    return new TokenError(e.message, { code: e.code, fix, cause: e });
  }
  return e;
}
