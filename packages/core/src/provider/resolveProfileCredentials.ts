import type { MfaCodeProvider } from "../assume-role/getChainedRoleCredentials.js";
import { loadSharedConfig, resolveProfileName } from "../config/index.js";
import type { SharedConfig } from "../config/loadSharedConfig.js";
import type { CoreDeps } from "../deps.js";
import { resolveRegion, type RegionSource } from "../region/resolveRegion.js";
import type { RoleCredentials } from "../types.js";
import { resolveCredentials, type ResolveCredentialsOptions } from "./resolveCredentials.js";

export interface ProfileCredentialsRequest extends Pick<ResolveCredentialsOptions, "forceRefresh" | "onRefreshError" | "lock"> {
  /** --profile; default AWS_PROFILE, then AWS_DEFAULT_PROFILE, then "default". */
  profile?: string | undefined;
  /** --region; else AWS_REGION, AWS_DEFAULT_REGION, the profile's region (resolveRegion). */
  region?: string | undefined;
  mfaCode?: MfaCodeProvider | undefined;
}

export interface ProfileCredentials {
  profileName: string;
  config: SharedConfig;
  region: string | undefined;
  regionSource: RegionSource | undefined;
  credentials: RoleCredentials;
}

/**
 * What every command that hands out a profile's credentials does first (`sso env`, `exec`, `serve`, `console`, `use`,
 * and the CLI's fast path): the profile name, the config read once, the region by the SDKs' precedence, then the
 * credentials from the shared caches. The region is checked before any call, so a typo fails at once.
 */
export async function resolveProfileCredentials(deps: CoreDeps, request: ProfileCredentialsRequest = {}): Promise<ProfileCredentials> {
  const profileName = resolveProfileName(deps, request.profile);
  const config = await loadSharedConfig(deps);
  const { region, source } = resolveRegion(deps.env, config, profileName, request.region);
  const credentials = await resolveCredentials(deps, {
    profile: profileName,
    config,
    mfaCode: request.mfaCode,
    forceRefresh: request.forceRefresh,
    onRefreshError: request.onRefreshError,
    lock: request.lock,
  });
  return { profileName, config, region, regionSource: source, credentials };
}
