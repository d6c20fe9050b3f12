import { access } from "node:fs/promises";
import {
  ConfigError,
  configFilePath,
  loadSharedConfig,
  resolveProfileName,
  resolveSsoProfile,
  ssoCacheDir,
  tokenCachePath,
  type CoreDeps,
  type SsoSession,
  type TokenInputRequest,
} from "@sso-creds/core";

export type Mode = "server" | "env";

/** Where the token comes from. `session` picks the file in a directory by its cache key, as the AWS tools name it. */
export type TokenSource =
  | { kind: "variable"; name: "SSO_TOKEN"; text: string }
  | { kind: "path"; path: string; from: "SSO_TOKEN_FILE" | "profile" | "default"; session?: Pick<SsoSession, "name" | "startUrl"> | undefined };

export interface Settings {
  mode: Mode;
  request: Omit<TokenInputRequest, "source">;
  tokenSource: TokenSource;
  /** AWS_REGION for the command, from the profile's `region`; otherwise the command keeps the one it inherits. */
  region: string | undefined;
  /** The profile, when account and role came from a mounted config (for `sso login --profile` in messages). */
  profileName: string | undefined;
  /** What the credentials are for, in SSO_CREDS_PROFILE: the profile name, or ACCOUNT/ROLE. */
  label: string;
}

const MOUNT_EXAMPLE = "docker run -v ~/.aws:/home/node/.aws:ro -e AWS_PROFILE=dev ...";

/**
 * The entry point's settings from its environment: SSO_MODE; SSO_ACCOUNT_ID + SSO_ROLE_NAME (+ SSO_START_URL, SSO_REGION),
 * or else the AWS_PROFILE profile of a mounted ~/.aws/config; the token from SSO_TOKEN (its JSON), SSO_TOKEN_FILE (a file
 * or directory), or ~/.aws/sso/cache.
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
  if (accountId || roleName) {
    if (!accountId) throw new ConfigError("SSO_ROLE_NAME is set but SSO_ACCOUNT_ID is not.", { code: "ConfigIncomplete", fix: "set SSO_ACCOUNT_ID to the 12-digit account ID (docker run -e SSO_ACCOUNT_ID=111111111111 ...)" });
    if (!roleName) throw new ConfigError("SSO_ACCOUNT_ID is set but SSO_ROLE_NAME is not.", { code: "ConfigIncomplete", fix: "set SSO_ROLE_NAME to the permission set name (docker run -e SSO_ROLE_NAME=ReadOnlyAccess ...)" });
    if (!/^\d{12}$/.test(accountId)) throw new ConfigError(`SSO_ACCOUNT_ID is "${accountId}", not a 12-digit AWS account ID.`, { code: "ConfigInvalid", fix: "set SSO_ACCOUNT_ID to the 12 digits of the account ID (`sso list` shows them)" });
    return {
      mode,
      request: { accountId, roleName, startUrl: env.SSO_START_URL?.trim() || undefined, ssoRegion: env.SSO_REGION?.trim() || undefined },
      tokenSource: explicitTokenSource(env) ?? { kind: "path", path: ssoCacheDir(deps), from: "default" },
      region: undefined,
      profileName: undefined,
      label: `${accountId}/${roleName}`,
    };
  }

  const configFile = configFilePath(deps);
  if (!(await access(configFile).then(() => true, () => false))) {
    throw new ConfigError(`No account and role to get credentials for: SSO_ACCOUNT_ID and SSO_ROLE_NAME are not set and there is no config file at ${configFile}.`, {
      code: "NoRole",
      fix: `set SSO_ACCOUNT_ID and SSO_ROLE_NAME (docker run -e SSO_ACCOUNT_ID=111111111111 -e SSO_ROLE_NAME=ReadOnlyAccess ...), or mount your ~/.aws read-only and name the profile (${MOUNT_EXAMPLE})`,
    });
  }
  const profileName = resolveProfileName(deps);
  const profile = resolveSsoProfile(await loadSharedConfig(deps), profileName);
  const explicit = explicitTokenSource(env);
  return {
    mode,
    request: { accountId: profile.accountId, roleName: profile.roleName, startUrl: profile.session.startUrl, ssoRegion: profile.session.region },
    tokenSource:
      explicit?.kind === "path"
        ? { ...explicit, session: profile.session }
        : (explicit ?? { kind: "path", path: tokenCachePath(deps, profile.session), from: "profile", session: profile.session }),
    region: profile.region,
    profileName,
    label: profileName,
  };
}

function explicitTokenSource(env: Record<string, string | undefined>): TokenSource | undefined {
  if (env.SSO_TOKEN?.trim()) return { kind: "variable", name: "SSO_TOKEN", text: env.SSO_TOKEN };
  if (env.SSO_TOKEN_FILE?.trim()) return { kind: "path", path: env.SSO_TOKEN_FILE.trim(), from: "SSO_TOKEN_FILE" };
  return undefined;
}
