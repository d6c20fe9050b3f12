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
  /**
   * "profile": the profile's own `region` only (or `region` when given), not AWS_REGION / AWS_DEFAULT_REGION. For
   * `sso use`, which switches a shell whose AWS_REGION the previous `sso use` set: the new profile's region must win.
   */
  regionFrom?: "precedence" | "profile" | undefined;
  mfaCode?: MfaCodeProvider | undefined;
}

/** A profile resolved once: its name, the config it was read from, its region, and how to get its credentials. */
export interface ProfileCredentialSource {
  profileName: string;
  config: SharedConfig;
  region: string | undefined;
  regionSource: RegionSource | undefined;
  /**
   * The profile's role credentials from the shared caches (fetched, refreshed or assumed as needed), with the config
   * read above: call it again to renew them (`sso serve`'s endpoint) without reading the config again. The profile
   * and region stay the ones resolved at the start, as the endpoint's exported variables do.
   */
  fetch(): Promise<RoleCredentials>;
}

export interface ProfileCredentials extends Omit<ProfileCredentialSource, "fetch"> {
  credentials: RoleCredentials;
}

/**
 * What every command that hands out a profile's credentials does first (`sso env`, `exec`, `serve`, `console`, `use`,
 * and the CLI's fast path): the profile name, the config read once, the region by the SDKs' precedence (or the
 * profile's own, `regionFrom: "profile"`), then the credentials from the shared caches. The region is checked before
 * any call, so a typo fails at once. profileCredentialSource stops before the credentials, for commands that check
 * more first (`sso console`'s browser) or fetch again later (`sso serve`, `sso exec --server`).
 */
export async function resolveProfileCredentials(deps: CoreDeps, request: ProfileCredentialsRequest = {}): Promise<ProfileCredentials> {
  const { fetch, ...source } = await profileCredentialSource(deps, request);
  return { ...source, credentials: await fetch() };
}

/** resolveProfileCredentials without the credentials: the resolved profile, config and region, and fetch() for them. */
export async function profileCredentialSource(deps: CoreDeps, request: ProfileCredentialsRequest = {}): Promise<ProfileCredentialSource> {
  const profileName = resolveProfileName(deps, request.profile);
  const config = await loadSharedConfig(deps);
  const { region, source } = resolveRegion(request.regionFrom === "profile" ? {} : deps.env, config, profileName, request.region);
  const fetch = () =>
    resolveCredentials(deps, {
      profile: profileName,
      config,
      mfaCode: request.mfaCode,
      forceRefresh: request.forceRefresh,
      onRefreshError: request.onRefreshError,
      lock: request.lock,
    });
  return { profileName, config, region, regionSource: source, fetch };
}
