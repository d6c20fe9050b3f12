import type * as actions from "@actions/core";
import { SsoCredsError } from "@sso-creds/core";

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
  /** Seconds the role credentials must stay valid; undefined when not asked. */
  minCredentialDuration: number | undefined;
}

/**
 * Inputs other credential actions take that this one cannot honour. The runner still passes undeclared inputs
 * (as INPUT_<NAME>, with a warning), so a workflow copied from configure-aws-credentials gets a clear failure
 * instead of silently shorter credentials.
 */
const UNSUPPORTED_INPUTS: Record<string, string> = {
  "role-duration-seconds":
    "GetRoleCredentials has no duration parameter: the session duration is the permission set's setting in IAM Identity Center. Remove role-duration-seconds, or use min-credential-duration to require a minimum remaining lifetime.",
  "role-to-assume": "This action gets IAM Identity Center role credentials from an SSO token; use account-id and role-name instead of role-to-assume.",
};

export function readInputs(core: Actions, env: Record<string, string | undefined>): ActionInputs {
  for (const [name, why] of Object.entries(UNSUPPORTED_INPUTS)) {
    if ((env[`INPUT_${name.toUpperCase()}`] ?? "").trim() !== "") {
      throw new SsoCredsError(`Input ${name} is not supported. ${why}`, { code: "UnsupportedInput" });
    }
  }
  const ssoToken = core.getInput("sso-token", { trimWhitespace: true });
  if (!ssoToken) {
    throw new SsoCredsError(
      "Input sso-token is empty. Pass the secret holding your SSO token, e.g. `sso-token: ${{ secrets.AWS_SSO_TOKEN }}`; if you did, the secret is not set or not available to this workflow (forks get no secrets).",
      { code: "TokenMissing" },
    );
  }
  const accountId = required(core, "account-id");
  if (!/^\d{12}$/.test(accountId)) throw new SsoCredsError(`Input account-id must be a 12-digit AWS account ID (got ${accountId.length} characters).`, { code: "InvalidInput" });
  return {
    ssoToken,
    accountId,
    roleName: required(core, "role-name"),
    awsRegion: required(core, "aws-region"),
    ssoStartUrl: optional(core, "sso-start-url"),
    ssoRegion: optional(core, "sso-region"),
    profileName: optional(core, "profile-name"),
    outputCredentials: bool(core, "output-credentials"),
    maskAccountId: bool(core, "mask-account-id"),
    minCredentialDuration: seconds(core, "min-credential-duration"),
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
