import type { CoreDeps } from "../deps.js";
import type { SsoCredsError } from "../errors.js";
import { DEFAULT_LOCK_TIMEOUT_MS, lockPathFor, withLock, type LockOptions } from "../fs/withLock.js";
import { writeFileAtomic } from "../fs/writeFileAtomic.js";
import { getValidToken } from "../token/getValidToken.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";
import type { RoleCredentials, SsoProfile } from "../types.js";
import { ROLE_CREDENTIALS_EXPIRY_WINDOW_MS } from "./constants.js";
import { fetchRoleCredentials } from "./fetchRoleCredentials.js";
import { readCredentialsCacheFile, type CredentialsCacheRead } from "./readCachedRoleCredentials.js";
import { serializeCredentialsCache } from "./serializeCredentialsCache.js";

export interface GetRoleCredentialsOptions extends NetworkOptions {
  /** SSO portal endpoint URL; default AWS's for the sso_region. */
  ssoEndpoint?: string | undefined;
  /** SSO-OIDC endpoint URL (token refresh); default AWS's for the sso_region. */
  oidcEndpoint?: string | undefined;
  /** Fetch new role credentials even if the cached ones are fresh (skipped if another process just did). */
  forceRefresh?: boolean | undefined;
  /** Told when a token refresh failed but the old, still valid token was used. */
  onRefreshError?: ((error: SsoCredsError) => void) | undefined;
  lock?: LockOptions | undefined;
}

// botocore: CachedCredentialFetcher.fetch_credentials, JSONFileCache
/**
 * Role credentials for an SSO profile, shared with the AWS CLI through ~/.aws/cli/cache: reused while more than
 * 15 minutes remain; otherwise fetched once under the cache file's cross-process lock (re-read after taking it,
 * so N waiting processes make one GetRoleCredentials call) with a valid (refreshed if needed) SSO token.
 */
export async function getRoleCredentials(
  deps: CoreDeps,
  profile: SsoProfile,
  options: GetRoleCredentialsOptions = {},
): Promise<RoleCredentials> {
  const first = await readCredentialsCacheFile(deps, profile);
  if (!options.forceRefresh && isFresh(deps, first)) return first.credentials;
  // Our waiters give up after the lock timeout: a throttled fetch may keep trying for two thirds of it.
  const deadline = Date.now() + ((options.lock?.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS) * 2) / 3;

  return withLock(
    deps,
    lockPathFor(first.path),
    async () => {
      const current = await readCredentialsCacheFile(deps, profile);
      const rewritten = current.kind === "ok" && (first.kind !== "ok" || current.raw !== first.raw);
      if (isFresh(deps, current) && (!options.forceRefresh || rewritten)) return current.credentials;
      // A directory (or an unreadable file) where the cache belongs would make the write fail: say so first.
      if (current.kind === "bad" && current.error.code === "CredentialsCacheUnreadable") {
        throw current.error;
      }
      const token = await getValidToken(deps, profile.session, {
        oidcEndpoint: options.oidcEndpoint,
        caBundle: options.caBundle,
        profileName: profile.profileName,
        onRefreshError: options.onRefreshError,
        lock: options.lock,
      });
      const credentials = await fetchRoleCredentials(deps, profile, token.accessToken, { ssoEndpoint: options.ssoEndpoint, deadline, caBundle: options.caBundle });
      await writeFileAtomic(deps, current.path, serializeCredentialsCache(credentials));
      return credentials;
    },
    options.lock,
  );
}

function isFresh(deps: CoreDeps, read: CredentialsCacheRead): read is Extract<CredentialsCacheRead, { kind: "ok" }> {
  return read.kind === "ok" && read.credentials.expiration - deps.now() > ROLE_CREDENTIALS_EXPIRY_WINDOW_MS;
}
