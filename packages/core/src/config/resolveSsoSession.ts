import { isAssumeRoleProfile } from "./isAssumeRoleProfile.js";
import { resolveRoleChain } from "./resolveRoleChain.js";
import { ConfigError } from "../errors.js";
import type { SsoSession } from "../types.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { parseScopes } from "./parseScopes.js";
import { resolveSsoProfile } from "./resolveSsoProfile.js";
import { sectionHeader } from "./sectionHeader.js";
import { ssoSessionHeader } from "./ssoSessionHeader.js";

// botocore: SSOTokenProvider._load_sso_config; JS SDK: shared-ini-file-loader loadSsoSessionData
/**
 * The session to log in to: `--sso-session NAME`, or the one a profile uses (a legacy profile's own
 * sso_start_url/sso_region); with neither, the default profile's if it is an SSO profile, else the only sso-session
 * (or the only legacy start URL); several → ConfigError listing them. Needs sso_start_url and sso_region, as `aws sso login` does.
 */
export function resolveSsoSession(
  config: SharedConfig,
  options: { profile?: string | undefined; ssoSession?: string | undefined },
  followRoleChain = true,
): SsoSession {
  if (options.ssoSession !== undefined) {
    const name = options.ssoSession;
    const section = config.ssoSessions[name];
    if (!section) {
      throw new ConfigError(`The sso-session ${name} does not exist in ${config.configFile}.`, {
        code: "SsoSessionNotFound",
        fix: `add ${ssoSessionHeader(name)} with sso_start_url and sso_region to ${config.configFile}`,
      });
    }
    const missing = ["sso_start_url", "sso_region"].filter((k) => typeof section[k] !== "string" || section[k] === "");
    if (missing.length) {
      throw new ConfigError(`The sso-session ${name} in ${config.configFile} is missing ${missing.join(", ")}.`, {
        code: "ConfigIncomplete",
        fix: missing.map((k) => `add \`${k} = ${k === "sso_region" ? "us-east-1" : "https://YOUR-ID.awsapps.com/start"}\` under [sso-session ${name}]`).join("; ") + ` in ${config.configFile}`,
      });
    }
    if (section.sso_registration_scopes !== undefined && typeof section.sso_registration_scopes !== "string") {
      // The AWS CLI fails on it ('dict' object has no attribute 'split').
      throw new ConfigError(`The sso-session ${name} has sso_registration_scopes as a nested block (indented key = value lines) in ${config.configFile}; it must be one line.`, {
        code: "ConfigInvalid",
        fix: `write \`sso_registration_scopes = sso:account:access\` on one line under ${ssoSessionHeader(name)} in ${config.configFile}`,
      });
    }
    return { name, startUrl: section.sso_start_url as string, region: section.sso_region as string, registrationScopes: parseScopes(section.sso_registration_scopes) };
  }
  if (options.profile === undefined) {
    // Nothing named: an SSO default profile wins; otherwise the only sso-session or legacy start URL (login needs no profile).
    const def = config.profiles.default;
    const defaultIsSso = def !== undefined && (typeof def.sso_session === "string" || typeof def.sso_start_url === "string");
    if (!defaultIsSso) {
      const names = Object.keys(config.ssoSessions);
      const legacy = new Map<string, string>();
      for (const [profileName, p] of Object.entries(config.profiles)) {
        if (typeof p.sso_session !== "string" && typeof p.sso_start_url === "string" && !legacy.has(p.sso_start_url)) legacy.set(p.sso_start_url, profileName);
      }
      if (names.length === 1 && legacy.size === 0) return resolveSsoSession(config, { ssoSession: names[0] });
      if (names.length === 0 && legacy.size === 1) return resolveSsoSession(config, { profile: [...legacy.values()][0] });
      if (names.length + legacy.size > 1) {
        const choices = [...names.map((n) => `--sso-session ${n}`), ...[...legacy.values()].map((p) => `--profile ${p}`)];
        const legacyNote = legacy.size ? `${names.length ? "; " : ""}legacy SSO profiles: ${[...legacy.values()].join(", ")}` : "";
        throw new ConfigError(`${config.configFile} has several sso-sessions (${names.join(", ")}${legacyNote}); name one with --sso-session or --profile.`, {
          code: "SsoSessionAmbiguous",
          fix: `sso login ${choices[0]}`,
        });
      }
      throw new ConfigError(`${config.configFile} has no [sso-session] section and no SSO profile.`, {
        code: "SsoSessionNotFound",
        fix: `add [sso-session my-sso] with sso_start_url = https://YOUR-ID.awsapps.com/start and sso_region = us-east-1 to ${config.configFile}, then: sso login --sso-session my-sso`,
      });
    }
  }
  const profileName = options.profile ?? "default";
  const profile = Object.hasOwn(config.profiles, profileName) ? config.profiles[profileName] : undefined;
  // A role profile logs in through the SSO profile at the bottom of its source_profile chain (which may itself have
  // role_arn, when it has static keys: its own SSO settings are then the ones used).
  if (followRoleChain && isAssumeRoleProfile(profile)) return resolveSsoSession(config, { profile: resolveRoleChain(config, profileName).ssoProfileName }, false);
  for (const key of ["sso_session", "sso_start_url", "sso_region"]) {
    const v = profile?.[key];
    if (v !== undefined && typeof v !== "string") {
      // The AWS CLI fails on it (a dict where it expects a name or URL).
      throw new ConfigError(`Profile ${profileName} has ${key} as a nested block (indented key = value lines) in ${config.configFile}; it must be one value.`, {
        code: "ConfigInvalid",
        fix: `set \`${key} = VALUE\` on one line under ${sectionHeader(profileName)} in ${config.configFile}`,
      });
    }
  }
  // The AWS CLI's `sso login`: `if sso_session:`, so an empty sso_session logs in with the profile's own start URL.
  if (profile && typeof profile.sso_session === "string" && profile.sso_session !== "") return resolveSsoSession(config, { ssoSession: profile.sso_session });
  if (profile && typeof profile.sso_start_url === "string" && typeof profile.sso_region === "string") {
    return { name: undefined, startUrl: profile.sso_start_url, region: profile.sso_region, registrationScopes: undefined };
  }
  if (profile && profile.sso_session === "") {
    // `aws sso login` then needs the profile's own sso_start_url and sso_region.
    const missing = ["sso_start_url", "sso_region"].filter((k) => typeof profile[k] !== "string");
    throw new ConfigError(`Profile ${profileName} has an empty sso_session and no ${missing.join(", ")} of its own (${config.configFile}).`, {
      code: "ConfigIncomplete",
      fix: `set sso_session under ${sectionHeader(profileName)} in ${config.configFile} to the name of an [sso-session] section`,
    });
  }
  // Same errors as a full profile resolution: not found, not SSO, or which keys are missing.
  return resolveSsoProfile(config, profileName).session;
}
