import { loadSharedConfig, resolveProfileName, resolveSsoProfile } from "../config/index.js";
import { getRoleCredentials, type GetRoleCredentialsOptions } from "../credentials/getRoleCredentials.js";
import type { CoreDeps } from "../deps.js";
import { resolveEndpoint } from "../endpoints/index.js";
import type { RoleCredentials } from "../types.js";

export interface ResolveCredentialsOptions extends Pick<GetRoleCredentialsOptions, "forceRefresh" | "onRefreshError" | "lock"> {
  /** Profile name; default AWS_PROFILE, then "default" (resolveProfileName). */
  profile?: string | undefined;
}

/**
 * The one call apps make: profile name → role credentials. Reads ~/.aws/config, resolves the SSO profile and the
 * endpoints (AWS_ENDPOINT_URL_SSO / _SSO_OIDC, [services], endpoint_url), then uses the shared caches.
 */
export async function resolveCredentials(deps: CoreDeps, options: ResolveCredentialsOptions = {}): Promise<RoleCredentials> {
  const config = await loadSharedConfig(deps);
  const profileName = resolveProfileName(deps, options.profile);
  const profile = resolveSsoProfile(config, profileName);
  return getRoleCredentials(deps, profile, {
    ssoEndpoint: resolveEndpoint(deps, config, "sso", profileName),
    oidcEndpoint: resolveEndpoint(deps, config, "sso_oidc", profileName),
    forceRefresh: options.forceRefresh,
    onRefreshError: options.onRefreshError,
    lock: options.lock,
  });
}
