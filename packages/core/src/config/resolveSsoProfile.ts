import { ConfigError } from "../errors.js";
import type { SsoProfile } from "../types.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { parseScopes } from "./parseScopes.js";

const REQUIRED = ["sso_start_url", "sso_region", "sso_account_id", "sso_role_name"] as const;

/**
 * A profile's IAM Identity Center settings, by botocore's SSOProvider rules: an `sso_session` pulls in every key of
 * its `[sso-session]` (a different value in the profile is an error), then start URL, region, account and role
 * are required.
 */
export function resolveSsoProfile(config: SharedConfig, profileName: string): SsoProfile {
  const profile = config.profiles[profileName];
  const file = config.configFile;
  if (!profile) {
    throw new ConfigError(`The config profile ${profileName} could not be found in ${file}.`, { code: "ProfileNotFound" });
  }
  const merged: Record<string, unknown> = { ...profile };
  const sessionName = typeof profile.sso_session === "string" ? profile.sso_session : undefined;
  if (sessionName !== undefined) {
    const session = config.ssoSessions[sessionName];
    if (!session) {
      throw new ConfigError(`Profile ${profileName} uses sso-session ${sessionName}, which does not exist in ${file}.`, { code: "SsoSessionNotFound" });
    }
    for (const [key, value] of Object.entries(session)) {
      if (key in profile && profile[key] !== value) {
        throw new ConfigError(
          `The value for ${key} is inconsistent between profile ${profileName} (${String(profile[key])}) and sso-session ${sessionName} (${String(value)}) in ${file}.`,
          { code: "ConfigInconsistent" },
        );
      }
      merged[key] = value;
    }
  } else if (!("sso_account_id" in profile) && !("sso_role_name" in profile) && !("sso_start_url" in profile)) {
    throw new ConfigError(`Profile ${profileName} in ${file} is not an IAM Identity Center (SSO) profile.`, { code: "NotSsoProfile" });
  }
  const missing = REQUIRED.filter((k) => typeof merged[k] !== "string" || merged[k] === "");
  if (missing.length) {
    throw new ConfigError(`Profile ${profileName} is configured to use SSO but is missing required configuration: ${missing.join(", ")} (${file}).`, {
      code: "ConfigIncomplete",
    });
  }
  return {
    profileName,
    session: {
      name: sessionName,
      startUrl: merged.sso_start_url as string,
      region: merged.sso_region as string,
      registrationScopes: sessionName !== undefined ? parseScopes(merged.sso_registration_scopes) : undefined,
    },
    accountId: merged.sso_account_id as string,
    roleName: merged.sso_role_name as string,
    region: typeof profile.region === "string" ? profile.region : undefined,
  };
}
