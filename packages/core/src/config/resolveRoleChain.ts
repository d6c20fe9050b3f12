import type { SharedConfig } from "./loadSharedConfig.js";
import { sectionHeader } from "./sectionHeader.js";
import { ConfigError } from "../errors.js";
import { isAssumeRoleProfile } from "./isAssumeRoleProfile.js";

/** One AssumeRole call of a chain: the settings of one profile with role_arn + source_profile. */
export interface AssumeRoleStep {
  profileName: string;
  roleArn: string;
  /** role_session_name; undefined → generated per call and left out of the cache key (botocore). */
  roleSessionName: string | undefined;
  externalId: string | undefined;
  /** mfa_serial: the MFA device ARN; a code is asked for when this step calls STS. */
  mfaSerial: string | undefined;
  durationSeconds: number | undefined;
}

export interface RoleChain {
  /** The IAM Identity Center profile at the bottom of the chain. */
  ssoProfileName: string;
  /** steps[0] is assumed with the SSO role credentials; the last step is the requested profile. */
  steps: AssumeRoleStep[];
}

// botocore: AssumeRoleProvider._get_role_config, AssumeRoleProvider._validate_source_profile; JS SDK: credential-provider-ini resolveAssumeRoleCredentials
/**
 * Follow source_profile from a role_arn profile down to an SSO profile, as botocore's AssumeRoleProvider does.
 * A profile visited twice is a loop (ConfigError naming the chain); credential_source and static-key sources are
 * not something sso-creds can start from.
 */
export function resolveRoleChain(config: SharedConfig, profileName: string): RoleChain {
  const file = config.configFile;
  const visited: string[] = [];
  const steps: AssumeRoleStep[] = [];
  let name = profileName;
  for (;;) {
    const profile = config.profiles[name];
    if (!profile) {
      const parent = visited[visited.length - 1];
      throw new ConfigError(
        parent === undefined
          ? `The config profile ${name} could not be found in ${file}.`
          : `The source_profile ${name} referenced in profile ${parent} does not exist in ${file}.`,
        {
          code: parent === undefined ? "ProfileNotFound" : "SourceProfileNotFound",
          fix: `add ${sectionHeader(name)} with sso_session, sso_account_id and sso_role_name to ${file}`,
        },
      );
    }
    if (visited.includes(name)) {
      const chain = [...visited, name].join(" -> ");
      throw new ConfigError(`The source_profile chain of profile ${profileName} loops: ${chain} (${file}).`, {
        code: "SourceProfileLoop",
        fix: `set source_profile under ${sectionHeader(visited[visited.length - 1]!)} in ${file} to an IAM Identity Center (SSO) profile`,
      });
    }
    visited.push(name);
    if (!isAssumeRoleProfile(profile)) {
      if (steps.length === 0) throw new ConfigError(`Profile ${name} in ${file} has no role_arn.`, { code: "NotAssumeRoleProfile" });
      return { ssoProfileName: name, steps: steps.reverse() };
    }
    const header = sectionHeader(name);
    const str = (key: string) => (typeof profile[key] === "string" && profile[key] !== "" ? (profile[key] as string) : undefined);
    if (str("credential_source") !== undefined) {
      throw new ConfigError(`Profile ${name} uses credential_source, which sso-creds does not support (it chains roles from SSO profiles) (${file}).`, {
        code: "CredentialSourceUnsupported",
        fix: `replace credential_source under ${header} in ${file} with source_profile = <an SSO profile>`,
      });
    }
    const source = str("source_profile");
    if (source === undefined) {
      throw new ConfigError(`Profile ${name} has role_arn but no source_profile in ${file}.`, {
        code: "ConfigIncomplete",
        fix: `add \`source_profile = <an SSO profile>\` under ${header} in ${file}`,
      });
    }
    let durationSeconds: number | undefined;
    const duration = str("duration_seconds");
    if (duration !== undefined) {
      if (!/^\d+$/.test(duration.trim())) {
        throw new ConfigError(`Profile ${name} has duration_seconds = ${duration}, which is not a whole number of seconds (${file}).`, {
          code: "ConfigInvalid",
          fix: `set \`duration_seconds = 3600\` under ${header} in ${file}`,
        });
      }
      durationSeconds = Number(duration.trim());
    }
    steps.push({
      profileName: name,
      roleArn: str("role_arn")!,
      roleSessionName: str("role_session_name"),
      externalId: str("external_id"),
      mfaSerial: str("mfa_serial"),
      durationSeconds,
    });
    name = source;
  }
}
