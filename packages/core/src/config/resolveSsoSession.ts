import { ConfigError } from "../errors.js";
import type { SsoSession } from "../types.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { parseScopes } from "./parseScopes.js";
import { resolveSsoProfile } from "./resolveSsoProfile.js";

/**
 * The session to log in to: `--sso-session NAME`, or the one a profile uses (a legacy profile's own
 * sso_start_url/sso_region); with neither, the default profile's if it is an SSO profile, else the only sso-session. Needs sso_start_url and sso_region, as `aws sso login` does.
 */
export function resolveSsoSession(config: SharedConfig, options: { profile?: string | undefined; ssoSession?: string | undefined }): SsoSession {
  if (options.ssoSession !== undefined) {
    const name = options.ssoSession;
    const section = config.ssoSessions[name];
    if (!section) {
      throw new ConfigError(`The sso-session ${name} does not exist in ${config.configFile}.`, {
        code: "SsoSessionNotFound",
        fix: `add [sso-session ${name}] with sso_start_url and sso_region to ${config.configFile}`,
      });
    }
    const missing = ["sso_start_url", "sso_region"].filter((k) => typeof section[k] !== "string" || section[k] === "");
    if (missing.length) {
      throw new ConfigError(`The sso-session ${name} in ${config.configFile} is missing ${missing.join(", ")}.`, { code: "ConfigIncomplete" });
    }
    return { name, startUrl: section.sso_start_url as string, region: section.sso_region as string, registrationScopes: parseScopes(section.sso_registration_scopes) };
  }
  if (options.profile === undefined) {
    // Nothing named: an SSO default profile wins; otherwise the only sso-session (login needs no profile).
    const def = config.profiles.default;
    const defaultIsSso = def !== undefined && (typeof def.sso_session === "string" || typeof def.sso_start_url === "string");
    const names = Object.keys(config.ssoSessions);
    if (!defaultIsSso && names.length === 1) return resolveSsoSession(config, { ssoSession: names[0] });
    if (!defaultIsSso && names.length > 1) {
      throw new ConfigError(`${config.configFile} has several sso-sessions (${names.join(", ")}); name one with --sso-session or --profile.`, {
        code: "SsoSessionAmbiguous",
      });
    }
  }
  const profileName = options.profile ?? "default";
  const profile = config.profiles[profileName];
  if (profile && typeof profile.sso_session === "string") return resolveSsoSession(config, { ssoSession: profile.sso_session });
  if (profile && typeof profile.sso_start_url === "string" && typeof profile.sso_region === "string") {
    return { name: undefined, startUrl: profile.sso_start_url, region: profile.sso_region, registrationScopes: undefined };
  }
  // Same errors as a full profile resolution: not found, not SSO, or which keys are missing.
  return resolveSsoProfile(config, profileName).session;
}
