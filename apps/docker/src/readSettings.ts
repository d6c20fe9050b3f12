import {
  checkRoleArn,
  checkRoleDurationSeconds,
  checkRoleSessionName,
  ConfigError,
  CredentialsError,
  configFilePath,
  endpointFromEnv,
  isAssumeRoleProfile,
  loadSharedConfig,
  profileRegion,
  resolveEndpoint,
  resolveProfileName,
  resolveRoleChain,
  resolveSsoProfile,
  sectionHeader,
  ssoCacheDir,
  stsRegion,
  tokenCachePath,
  type AssumeRoleSettingNames,
  type CoreDeps,
  type SsoSession,
  type TokenInputRequest,
} from "@sso-creds/core";

export type Mode = "server" | "env";

/** Where the token comes from. `session` picks the file in a directory by its cache key, as the AWS tools name it. */
export type TokenSource =
  | { kind: "variable"; name: "SSO_TOKEN"; text: string }
  | { kind: "path"; path: string; from: "SSO_TOKEN_FILE" | "profile" | "default"; session?: Pick<SsoSession, "name" | "startUrl"> | undefined };

/** One role assumed on top of the SSO role (SSO_ROLE_TO_ASSUME, or a role_arn profile of a mounted config's chain). */
export interface AssumeStep {
  roleArn: string;
  /** undefined → one is generated per call (sso-creds-<epoch seconds>), as for a chain without role_session_name. */
  roleSessionName: string | undefined;
  externalId: string | undefined;
  durationSeconds: number | undefined;
  /** Where the user set each value, for messages. */
  names: AssumeRoleSettingNames;
}

export interface Settings {
  mode: Mode;
  request: Omit<TokenInputRequest, "source">;
  /** Roles to assume in order, the first with the SSO role's credentials, each next with the previous role's. */
  assume: AssumeStep[];
  /** Where to call STS for them: AWS_ENDPOINT_URL_STS (or the profile's endpoint settings), and the region. */
  sts: { endpoint: string | undefined; region: string };
  tokenSource: TokenSource;
  /** AWS_REGION for the command, from the profile's `region`; otherwise the command keeps the one it inherits. */
  region: string | undefined;
  /** The profile, when account and role came from a mounted config (for `sso login --profile` in messages). */
  profileName: string | undefined;
  /** What the credentials are for, in SSO_CREDS_PROFILE: the profile name, or ACCOUNT/ROLE. */
  label: string;
}

const MOUNT_EXAMPLE = "docker run -v ~/.aws:/home/node/.aws:ro -e AWS_PROFILE=dev ...";

const ENV_NAMES: AssumeRoleSettingNames = {
  roleArn: "SSO_ROLE_TO_ASSUME",
  roleSessionName: "SSO_ROLE_SESSION_NAME",
  externalId: "SSO_ROLE_EXTERNAL_ID",
  durationSeconds: "SSO_ROLE_DURATION_SECONDS",
};

/**
 * The entry point's settings from its environment: SSO_MODE; SSO_ACCOUNT_ID + SSO_ROLE_NAME (+ SSO_START_URL, SSO_REGION),
 * or else the AWS_PROFILE profile of a mounted ~/.aws/config (an SSO profile, or a role_arn + source_profile chain down
 * to one); then SSO_ROLE_TO_ASSUME (+ SSO_ROLE_SESSION_NAME, SSO_ROLE_EXTERNAL_ID, SSO_ROLE_DURATION_SECONDS) assumed on
 * top; the token from SSO_TOKEN (its JSON), SSO_TOKEN_FILE (a file or directory), or ~/.aws/sso/cache.
 */
export async function readSettings(deps: CoreDeps): Promise<Settings> {
  const env = deps.env;
  const mode = (env.SSO_MODE ?? "").trim().toLowerCase() || "server";
  if (mode !== "server" && mode !== "env") {
    throw new ConfigError(`SSO_MODE is "${env.SSO_MODE}"; it must be server or env.`, {
      code: "InvalidMode",
      fix: "set SSO_MODE=server (a credential endpoint the AWS SDKs refresh from) or SSO_MODE=env (variables, for short jobs)",
    });
  }
  const accountId = env.SSO_ACCOUNT_ID?.trim();
  const roleName = env.SSO_ROLE_NAME?.trim();
  const extra = assumeFromEnv(env);
  if (accountId || roleName) {
    if (!accountId) throw new ConfigError("SSO_ROLE_NAME is set but SSO_ACCOUNT_ID is not.", { code: "ConfigIncomplete", fix: "set SSO_ACCOUNT_ID to the 12-digit account ID (docker run -e SSO_ACCOUNT_ID=111111111111 ...)" });
    if (!roleName) throw new ConfigError("SSO_ACCOUNT_ID is set but SSO_ROLE_NAME is not.", { code: "ConfigIncomplete", fix: "set SSO_ROLE_NAME to the permission set name (docker run -e SSO_ROLE_NAME=ReadOnlyAccess ...)" });
    if (!/^\d{12}$/.test(accountId)) throw new ConfigError(`SSO_ACCOUNT_ID is "${accountId}", not a 12-digit AWS account ID.`, { code: "ConfigInvalid", fix: "set SSO_ACCOUNT_ID to the 12 digits of the account ID (`sso list` shows them)" });
    return {
      mode,
      request: { accountId, roleName, startUrl: env.SSO_START_URL?.trim() || undefined, ssoRegion: env.SSO_REGION?.trim() || undefined },
      assume: extra ? [extra] : [],
      sts: { endpoint: endpointFromEnv(env, "sts"), region: stsRegion(env) },
      tokenSource: explicitTokenSource(env) ?? { kind: "path", path: ssoCacheDir(deps), from: "default" },
      region: undefined,
      profileName: undefined,
      label: extra?.roleArn ?? `${accountId}/${roleName}`,
    };
  }

  const configFile = configFilePath(deps);
  if (!(await deps.fs.access(configFile).then(() => true, () => false))) {
    throw new ConfigError(`No account and role to get credentials for: SSO_ACCOUNT_ID and SSO_ROLE_NAME are not set and there is no config file at ${configFile}.`, {
      code: "NoRole",
      fix: `set SSO_ACCOUNT_ID and SSO_ROLE_NAME (docker run -e SSO_ACCOUNT_ID=111111111111 -e SSO_ROLE_NAME=ReadOnlyAccess ...), or mount your ~/.aws read-only and name the profile (${MOUNT_EXAMPLE})`,
    });
  }
  const profileName = resolveProfileName(deps);
  const config = await loadSharedConfig(deps);
  // A role_arn profile: its chain down to the SSO profile, each hop assumed in memory (never cached on the mount).
  const chain = isAssumeRoleProfile(config.profiles[profileName]) ? resolveRoleChain(config, profileName) : undefined;
  const profile = resolveSsoProfile(config, chain?.ssoProfileName ?? profileName);
  const steps: AssumeStep[] = (chain?.steps ?? []).map((step) => {
    const where = `profile ${step.profileName}`;
    if (step.mfaSerial !== undefined) {
      throw new CredentialsError(`Profile ${step.profileName} has mfa_serial: the container has no terminal to ask for an MFA code.`, {
        code: "MfaCodeRequired",
        fix: `use a profile whose chain has no mfa_serial (remove it under ${sectionHeader(step.profileName)} in ${config.configFile}), or run the command on the host with sso exec --profile ${profileName}`,
      });
    }
    const names = { roleArn: `the role_arn of ${where}`, roleSessionName: `the role_session_name of ${where}`, externalId: `the external_id of ${where}`, durationSeconds: `the duration_seconds of ${where}` };
    checkRoleArn(step.roleArn, names.roleArn);
    if (step.roleSessionName !== undefined) checkRoleSessionName(step.roleSessionName, names.roleSessionName);
    return { roleArn: step.roleArn, roleSessionName: step.roleSessionName, externalId: step.externalId, durationSeconds: step.durationSeconds, names };
  });
  if (extra) steps.push(extra);
  const region = profileRegion(config, profileName);
  const explicit = explicitTokenSource(env);
  return {
    mode,
    request: { accountId: profile.accountId, roleName: profile.roleName, startUrl: profile.session.startUrl, ssoRegion: profile.session.region },
    assume: steps,
    sts: { endpoint: resolveEndpoint(deps, config, "sts", profileName), region: stsRegion(env, config, profileName) },
    tokenSource:
      explicit?.kind === "path"
        ? { ...explicit, session: profile.session }
        : (explicit ?? { kind: "path", path: tokenCachePath(deps, profile.session), from: "profile", session: profile.session }),
    region,
    profileName,
    label: extra?.roleArn ?? profileName,
  };
}

/** SSO_ROLE_TO_ASSUME and its settings, checked before any call; the settings without the role are a mistake, not ignored. */
function assumeFromEnv(env: Record<string, string | undefined>): AssumeStep | undefined {
  const get = (name: string) => env[name]?.trim() || undefined;
  const roleArn = get(ENV_NAMES.roleArn);
  if (!roleArn) {
    const stray = [ENV_NAMES.roleSessionName, ENV_NAMES.externalId, ENV_NAMES.durationSeconds].find((name) => get(name) !== undefined);
    if (stray) {
      throw new ConfigError(`${stray} is set but SSO_ROLE_TO_ASSUME is not; it applies only to a role assumed on top of the SSO role.`, {
        code: "ConfigIncomplete",
        fix: `set SSO_ROLE_TO_ASSUME to the role's ARN (docker run -e SSO_ROLE_TO_ASSUME=arn:aws:iam::222222222222:role/Deployer ...), or unset ${stray}`,
      });
    }
    return undefined;
  }
  checkRoleArn(roleArn, ENV_NAMES.roleArn);
  const roleSessionName = get(ENV_NAMES.roleSessionName);
  if (roleSessionName !== undefined) checkRoleSessionName(roleSessionName, ENV_NAMES.roleSessionName);
  const duration = get(ENV_NAMES.durationSeconds);
  const durationSeconds = duration === undefined ? undefined : checkRoleDurationSeconds(duration, ENV_NAMES.durationSeconds);
  return { roleArn, roleSessionName, externalId: get(ENV_NAMES.externalId), durationSeconds, names: ENV_NAMES };
}

function explicitTokenSource(env: Record<string, string | undefined>): TokenSource | undefined {
  if (env.SSO_TOKEN?.trim()) return { kind: "variable", name: "SSO_TOKEN", text: env.SSO_TOKEN };
  if (env.SSO_TOKEN_FILE?.trim()) return { kind: "path", path: env.SSO_TOKEN_FILE.trim(), from: "SSO_TOKEN_FILE" };
  return undefined;
}
