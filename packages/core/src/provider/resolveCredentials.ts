import { getChainedRoleCredentials, type MfaCodeProvider } from "../assume-role/getChainedRoleCredentials.js";
import { isAssumeRoleProfile } from "../config/isAssumeRoleProfile.js";
import { checkCredentialProcessProfile, loadSharedConfig, resolveProfileName, resolveSsoProfile } from "../config/index.js";
import type { SharedConfig } from "../config/loadSharedConfig.js";
import { getRoleCredentials, type GetRoleCredentialsOptions } from "../credentials/getRoleCredentials.js";
import type { CoreDeps } from "../deps.js";
import { resolveEndpoint } from "../endpoints/index.js";
import { profileCaBundle } from "../config/profileCaBundle.js";
import type { RoleCredentials } from "../types.js";

export interface ResolveCredentialsOptions extends Pick<GetRoleCredentialsOptions, "forceRefresh" | "onRefreshError" | "lock"> {
  /** Profile name; default AWS_PROFILE, then "default" (resolveProfileName). */
  profile?: string | undefined;
  /** Asked for an MFA code when a role profile with mfa_serial has to call STS AssumeRole. */
  mfaCode?: MfaCodeProvider | undefined;
  /** Called as a profile's credential_process: refuse profiles that would ask for themselves or mix sources. */
  asCredentialProcess?: boolean | undefined;
  /** The shared config, when the caller has read it already (it is then not read again). */
  config?: SharedConfig | undefined;
}

/**
 * The one call apps make: profile name → role credentials. Reads ~/.aws/config, resolves the SSO profile and the
 * endpoints (AWS_ENDPOINT_URL_SSO / _SSO_OIDC, [services], endpoint_url), then uses the shared caches.
 * A profile with role_arn (checked first, as in both SDKs' chains) is assumed from its source_profile chain.
 */
export async function resolveCredentials(deps: CoreDeps, options: ResolveCredentialsOptions = {}): Promise<RoleCredentials> {
  const config = options.config ?? (await loadSharedConfig(deps));
  const profileName = resolveProfileName(deps, options.profile);
  if (options.asCredentialProcess) checkCredentialProcessProfile(config, profileName);
  if (isAssumeRoleProfile(config.profiles[profileName])) {
    return getChainedRoleCredentials(deps, config, profileName, {
      forceRefresh: options.forceRefresh,
      onRefreshError: options.onRefreshError,
      lock: options.lock,
      mfaCode: options.mfaCode,
    });
  }
  const profile = resolveSsoProfile(config, profileName);
  return getRoleCredentials(deps, profile, {
    ssoEndpoint: resolveEndpoint(deps, config, "sso", profileName),
    oidcEndpoint: resolveEndpoint(deps, config, "sso_oidc", profileName),
    caBundle: profileCaBundle(deps, config, profileName),
    forceRefresh: options.forceRefresh,
    onRefreshError: options.onRefreshError,
    lock: options.lock,
  });
}
