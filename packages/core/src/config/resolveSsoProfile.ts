import { ConfigError } from "../errors.js";
import type { SsoProfile } from "../types.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import type { IniValue } from "./parseAwsIni.js";
import { parseScopes } from "./parseScopes.js";
import { sectionHeader } from "./sectionHeader.js";
import { ssoSessionHeader } from "./ssoSessionHeader.js";

const REQUIRED = ["sso_start_url", "sso_region", "sso_account_id", "sso_role_name"] as const;
// Keys that belong in [sso-session] when the profile uses one.
const SESSION_KEYS = new Set(["sso_start_url", "sso_region"]);
const EXAMPLE: Record<string, string> = {
  sso_start_url: "https://d-0123456789.awsapps.com/start",
  sso_region: "us-east-1",
  sso_account_id: "111111111111",
  sso_role_name: "ReadOnlyAccess",
};

// botocore: SSOProvider._load_sso_config; JS SDK: credential-provider-sso validateSsoProfile
/**
 * A profile's IAM Identity Center settings, by botocore's SSOProvider rules: an `sso_session` pulls in every key of
 * its `[sso-session]` (a different value in the profile is an error), then start URL, region, account and role
 * are required.
 */
export function resolveSsoProfile(config: SharedConfig, profileName: string): SsoProfile {
  const profile = Object.hasOwn(config.profiles, profileName) ? config.profiles[profileName] : undefined;
  const file = config.configFile;
  const header = sectionHeader(profileName);
  if (!profile) {
    throw new ConfigError(`The config profile ${profileName} could not be found in ${file}.`, {
      code: "ProfileNotFound",
      fix: Object.keys(config.profiles).length
        ? `use one of the profiles in ${file} (${Object.keys(config.profiles).join(", ")}), or add ${header} with sso_session, sso_account_id and sso_role_name`
        : `add ${header} with sso_session, sso_account_id and sso_role_name to ${file} (or run: sso populate)`,
    });
  }
  const has = (section: object, key: string) => Object.hasOwn(section, key);
  if (has(profile, "role_arn") && has(profile, "web_identity_token_file")) {
    // botocore's AssumeRoleWithWebIdentityProvider comes before the SSO provider in every chain.
    throw new ConfigError(`Profile ${profileName} in ${file} uses web_identity_token_file, which sso-creds does not serve.`, {
      code: "NotSsoProfile",
      fix: `remove role_arn and web_identity_token_file from ${header} in ${file}, or use a profile with sso_session, sso_account_id and sso_role_name`,
    });
  }
  const merged: Record<string, unknown> = Object.assign(Object.create(null) as object, profile);
  const rawSession = profile.sso_session;
  if (rawSession !== undefined && typeof rawSession !== "string") {
    throw new ConfigError(`Profile ${profileName} has sso_session as a nested block (indented key = value lines) in ${file}; it must be one sso-session name.`, {
      code: "ConfigInvalid",
      fix: `set \`sso_session = NAME\` on one line under ${header} in ${file}`,
    });
  }
  const sessionName = rawSession;
  const incomplete = (missing: string[]) => {
    const where = (k: string) => (sessionName !== undefined && SESSION_KEYS.has(k) ? `[sso-session ${sessionName}]` : header);
    return new ConfigError(`Profile ${profileName} is configured to use SSO but is missing required configuration: ${missing.join(", ")} (${file}).`, {
      code: "ConfigIncomplete",
      fix: missing.map((k) => `add \`${k} = ${EXAMPLE[k]}\` under ${where(k)}`).join("; ") + ` in ${file}`,
    });
  };
  if (!has(profile, "sso_account_id") && !has(profile, "sso_role_name") && (sessionName !== undefined || has(profile, "sso_start_url"))) {
    // botocore's SSOProvider skips a profile without sso_account_id and sso_role_name (and the chain ends in
    // "Unable to locate credentials"); we say what the profile lacks (docs/compatibility.md), before its sso-session
    // is looked up.
    throw incomplete(REQUIRED.filter((k) => (sessionName !== undefined && SESSION_KEYS.has(k) ? false : typeof profile[k] !== "string" || profile[k] === "")));
  }
  if (sessionName !== undefined) {
    const session = has(config.ssoSessions, sessionName) ? config.ssoSessions[sessionName] : undefined;
    if (!session) {
      throw new ConfigError(`Profile ${profileName} uses sso-session ${sessionName}, which does not exist in ${file}.`, {
        code: "SsoSessionNotFound",
        fix: Object.keys(config.ssoSessions).length
          ? `add ${ssoSessionHeader(sessionName)} with sso_start_url and sso_region to ${file}, or set sso_session under ${header} to one of: ${Object.keys(config.ssoSessions).join(", ")}`
          : `add ${ssoSessionHeader(sessionName)} with sso_start_url and sso_region to ${file}`,
      });
    }
    for (const [key, value] of Object.entries(session)) {
      // Values compared by content, as Python compares str and dict: the same `s3 =` block on both sides is fine.
      if (has(profile, key) && !sameValue(profile[key]!, value)) {
        // Only sso_start_url/sso_region values are shown: any other key might hold something private.
        const show = (v: unknown) => (SESSION_KEYS.has(key) && typeof v === "string" ? ` (${v})` : "");
        throw new ConfigError(
          `The value for ${key} is inconsistent between profile ${profileName}${show(profile[key])} and sso-session ${sessionName}${show(value)} in ${file}.`,
          { code: "ConfigInconsistent", fix: `remove ${key} from ${header} in ${file} (the one under [sso-session ${sessionName}] is used)` },
        );
      }
      merged[key] = value;
    }
  } else if (!has(profile, "sso_account_id") && !has(profile, "sso_role_name") && !has(profile, "sso_start_url")) {
    throw new ConfigError(`Profile ${profileName} in ${file} is not an IAM Identity Center (SSO) profile.`, {
      code: "NotSsoProfile",
      fix: `add sso_session, sso_account_id and sso_role_name under ${header} in ${file}, or run: sso populate`,
    });
  }
  const missing = REQUIRED.filter((k) => typeof merged[k] !== "string" || merged[k] === "");
  if (missing.length) throw incomplete(missing);
  if (sessionName !== undefined && Object.keys(config.ssoSessions[sessionName]!).length === 0) {
    // botocore's SSOTokenProvider treats an sso-session section with no settings as missing (when it loads the token).
    throw new ConfigError(`Profile ${profileName} uses sso-session ${sessionName}, whose section in ${file} has no settings.`, {
      code: "SsoSessionNotFound",
      fix: `add sso_start_url and sso_region under ${ssoSessionHeader(sessionName)} in ${file}`,
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

function sameValue(a: IniValue, b: IniValue): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
