import type { SharedConfig } from "./loadSharedConfig.js";
import { sectionHeader } from "./sectionHeader.js";
import { ConfigError } from "../errors.js";
import { pyInt } from "./python.js";
import { hasStaticCredentials, isAssumeRoleProfile } from "./isAssumeRoleProfile.js";

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
  const has = (section: object, key: string) => Object.hasOwn(section, key);
  for (;;) {
    const profile = has(config.profiles, name) ? config.profiles[name] : undefined;
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
    const parent = visited[visited.length - 1];
    // botocore: a profile may name itself as source_profile when it has static keys (it then takes those, or its
    // own SSO settings); any other repeat is a loop.
    if (visited.includes(name) && !(name === parent && hasStaticCredentials(profile))) {
      const chain = [...visited, name].join(" -> ");
      throw new ConfigError(`The source_profile chain of profile ${profileName} loops: ${chain} (${file}).`, {
        code: "SourceProfileLoop",
        fix: `set source_profile under ${sectionHeader(visited[visited.length - 1]!)} in ${file} to an IAM Identity Center (SSO) profile`,
      });
    }
    visited.push(name);
    // botocore's _resolve_credentials_from_profile: a source with static keys, or without role_arn, ends the chain.
    const ends = steps.length > 0 && (hasStaticCredentials(profile) || !isAssumeRoleProfile(profile));
    if (ends || !isAssumeRoleProfile(profile)) {
      if (steps.length === 0) throw new ConfigError(`Profile ${name} in ${file} has no role_arn.`, { code: "NotAssumeRoleProfile" });
      return { ssoProfileName: name, steps: steps.reverse() };
    }
    const header = sectionHeader(name);
    // botocore reads each setting as written: "" is a value (an empty external_id is sent and keyed as "").
    const str = (key: string): string | undefined => {
      const v = profile[key];
      if (v === undefined || typeof v === "string") return v;
      throw new ConfigError(`Profile ${name} has ${key} as a nested block (indented key = value lines) in ${file}; it must be one value.`, {
        code: "ConfigInvalid",
        fix: `set \`${key} = VALUE\` on one line under ${header} in ${file}`,
      });
    };
    const roleArn = str("role_arn")!;
    const source = str("source_profile");
    const credentialSource = str("credential_source");
    const duration = str("duration_seconds");
    let durationSeconds: number | undefined;
    if (duration !== undefined) {
      // botocore: int(duration_seconds), so " +1800", "1_800" and "１８００" are 1800; where int() fails it drops the
      // setting silently (the role then lasts one hour). We name it instead (docs/compatibility.md).
      const n = pyInt(duration);
      if (n === undefined || n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new ConfigError(`Profile ${name} has duration_seconds = ${duration}, which is not a whole number of seconds (${file}).`, {
          code: "ConfigInvalid",
          fix: `set \`duration_seconds = 3600\` under ${header} in ${file}`,
        });
      }
      durationSeconds = Number(n);
    }
    if (credentialSource !== undefined && source !== undefined) {
      throw new ConfigError(`Profile ${name} has both source_profile and credential_source in ${file}.`, {
        code: "ConfigInvalid",
        fix: `remove credential_source from ${header} in ${file}`,
      });
    }
    if (credentialSource !== undefined) {
      throw new ConfigError(`Profile ${name} uses credential_source, which sso-creds does not support (it chains roles from SSO profiles) (${file}).`, {
        code: "CredentialSourceUnsupported",
        fix: `replace credential_source under ${header} in ${file} with source_profile = <an SSO profile>`,
      });
    }
    if (source === undefined) {
      throw new ConfigError(`Profile ${name} has role_arn but no source_profile in ${file}.`, {
        code: "ConfigIncomplete",
        fix: `add \`source_profile = <an SSO profile>\` under ${header} in ${file}`,
      });
    }
    if (roleArn === "") {
      // botocore sends RoleArn "" and STS refuses it; naming the key now says what to fix.
      throw new ConfigError(`Profile ${name} has an empty role_arn in ${file}.`, {
        code: "ConfigIncomplete",
        fix: `set \`role_arn = arn:aws:iam::111111111111:role/NAME\` under ${header} in ${file}`,
      });
    }
    const sessionName = str("role_session_name");
    steps.push({
      profileName: name,
      roleArn,
      // "" too is replaced by a generated name and left out of the cache key, as botocore does.
      roleSessionName: sessionName === "" ? undefined : sessionName,
      externalId: str("external_id"),
      mfaSerial: str("mfa_serial"),
      durationSeconds,
    });
    name = source;
  }
}
