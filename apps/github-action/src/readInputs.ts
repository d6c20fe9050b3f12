import type * as actions from "@actions/core";
import { checkRoleArn, checkRoleDurationSeconds, checkRoleSessionName, SsoCredsError, TokenError } from "@sso-creds/core";

export type Actions = typeof actions;

/** The action's inputs, as action.yml declares them. */
export interface ActionInputs {
  /** The raw secret: never logged, never put into a message. */
  ssoToken: string;
  accountId: string;
  roleName: string;
  awsRegion: string;
  ssoStartUrl: string | undefined;
  ssoRegion: string | undefined;
  profileName: string | undefined;
  outputCredentials: boolean;
  maskAccountId: boolean;
  /** Seconds the exported credentials must stay valid; undefined when not asked. */
  minCredentialDuration: number | undefined;
  /** role-to-assume and its settings: a role assumed with the SSO role's credentials; undefined when not asked. */
  assume: AssumeInputs | undefined;
}

export interface AssumeInputs {
  roleArn: string;
  /** The account in roleArn (masked with mask-account-id before anything is logged). */
  accountId: string;
  /** role-session-name; default GitHubActions, as aws-actions/configure-aws-credentials. */
  roleSessionName: string;
  externalId: string | undefined;
  /** role-duration-seconds; undefined → STS's default (one hour). */
  durationSeconds: number | undefined;
}

/** The default session name, as aws-actions/configure-aws-credentials uses it. */
export const DEFAULT_ROLE_SESSION_NAME = "GitHubActions";

/**
 * Inputs for the AssumeRole call, which mean nothing without role-to-assume: refused rather than ignored, so a
 * workflow copied from configure-aws-credentials, or one that forgot role-to-assume, does not silently get the SSO
 * role's credentials with another lifetime.
 */
const ASSUME_ONLY_INPUTS: Record<string, string> = {
  "role-duration-seconds":
    "GetRoleCredentials has no duration parameter: the session duration is the permission set's setting in IAM Identity Center. Remove role-duration-seconds (or add role-to-assume), or use min-credential-duration to require a minimum remaining lifetime.",
  "role-session-name": "Remove role-session-name, or add role-to-assume.",
  "role-external-id": "Remove role-external-id, or add role-to-assume.",
};

/**
 * Reads and checks the inputs. With mask-account-id, the account IDs (account-id and the one in role-to-assume) are
 * masked here, before any message can show them.
 */
export function readInputs(core: Actions, env: Record<string, string | undefined>): ActionInputs {
  const ssoToken = core.getInput("sso-token", { trimWhitespace: true });
  if (!ssoToken) {
    throw new TokenError(
      "Input sso-token is empty. Pass the secret holding your SSO token, e.g. `sso-token: ${{ secrets.AWS_SSO_TOKEN }}`; if you did, the secret is not set or not available to this workflow (forks get no secrets).",
      { code: "TokenMissing" },
    );
  }
  const accountId = required(core, "account-id");
  if (!/^\d{12}$/.test(accountId)) throw new SsoCredsError(`Input account-id must be a 12-digit AWS account ID (got ${accountId.length} characters).`, { code: "InvalidInput" });
  const maskAccountId = bool(core, "mask-account-id");
  const roleToAssume = optional(core, "role-to-assume");
  if (maskAccountId) {
    core.setSecret(accountId);
    // Every 12-digit run, valid ARN or not: the message about a malformed one quotes it.
    for (const [digits] of (roleToAssume ?? "").matchAll(/\d{12}/g)) core.setSecret(digits);
  }
  let assume: AssumeInputs | undefined;
  if (roleToAssume) {
    // Checked before any call: a malformed ARN costs no token refresh and no GetRoleCredentials.
    const { accountId: roleAccount } = checkRoleArn(roleToAssume, "input role-to-assume");
    const duration = optional(core, "role-duration-seconds");
    const durationSeconds = duration === undefined ? undefined : checkRoleDurationSeconds(duration, "input role-duration-seconds");
    assume = {
      roleArn: roleToAssume,
      accountId: roleAccount,
      roleSessionName: checkRoleSessionName(optional(core, "role-session-name") ?? DEFAULT_ROLE_SESSION_NAME, "input role-session-name"),
      externalId: optional(core, "role-external-id"),
      durationSeconds,
    };
  } else {
    for (const [name, why] of Object.entries(ASSUME_ONLY_INPUTS)) {
      if ((env[`INPUT_${name.toUpperCase()}`] ?? "").trim() !== "") {
        throw new SsoCredsError(`Input ${name} applies only with role-to-assume. ${why}`, { code: "UnsupportedInput" });
      }
    }
  }
  return {
    ssoToken,
    accountId,
    roleName: required(core, "role-name"),
    awsRegion: required(core, "aws-region"),
    ssoStartUrl: optional(core, "sso-start-url"),
    ssoRegion: optional(core, "sso-region"),
    profileName: optional(core, "profile-name"),
    outputCredentials: bool(core, "output-credentials"),
    maskAccountId,
    minCredentialDuration: seconds(core, "min-credential-duration"),
    assume,
  };
}

function required(core: Actions, name: string): string {
  const value = core.getInput(name);
  if (!value) throw new SsoCredsError(`Input ${name} is required.`, { code: "InvalidInput" });
  return value;
}

function optional(core: Actions, name: string): string | undefined {
  return core.getInput(name) || undefined;
}

function bool(core: Actions, name: string): boolean {
  const value = core.getInput(name).toLowerCase();
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new SsoCredsError(`Input ${name} must be true or false.`, { code: "InvalidInput" });
}

function seconds(core: Actions, name: string): number | undefined {
  const value = core.getInput(name);
  if (!value) return undefined;
  if (!/^\d+$/.test(value)) throw new SsoCredsError(`Input ${name} must be a whole number of seconds.`, { code: "InvalidInput" });
  return Number(value);
}
