import type { RoleCredentials } from "../types.js";
import { credentialEnvVars } from "./credentialEnvVars.js";

/** Set in every child `sso exec` starts, naming the profile, so a nested `sso exec` can notice. */
export const NESTED_PROFILE_ENV = "SSO_CREDS_PROFILE";

/**
 * Set (to the profile, beside SSO_CREDS_PROFILE) by `sso use` in the user's shell: an `sso exec` there switches
 * profiles rather than nesting. Never passed to a child, whose SSO_CREDS_PROFILE then marks a real nesting.
 */
export const SHELL_USE_ENV = "SSO_CREDS_USE";

/**
 * Variables removed before the credentials are added. AWS_PROFILE / AWS_DEFAULT_PROFILE would make
 * the JS SDK skip env credentials and botocore pick another profile; leftover keys from an earlier
 * hand-out (AWS_SECURITY_TOKEN is boto2's name for the session token) would mix two identities.
 * Kept on purpose: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (tools still read regions and
 * settings from them) and AWS_ENDPOINT_URL_* (the user's endpoint choice, not an identity).
 */
export const CONFLICTING_ENV_NAMES = [
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_ACCOUNT_ID",
  // `sso use`'s marker: in the child, SSO_CREDS_PROFILE marks a real nesting again.
  "SSO_CREDS_USE",
] as const;

export interface EnvForChildOptions {
  /** The profile the credentials belong to; recorded in SSO_CREDS_PROFILE. */
  profile: string;
  /** The profile's region; when absent the child keeps any AWS_REGION it inherits. */
  region?: string | undefined;
}

/** The environment for a child process: `baseEnv` minus conflicting variables, plus the credentials. Does not modify `baseEnv`. */
export function envForChild(
  baseEnv: Record<string, string | undefined>,
  creds: RoleCredentials,
  options: EnvForChildOptions,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(baseEnv)) {
    if (value !== undefined && !(CONFLICTING_ENV_NAMES as readonly string[]).includes(name)) env[name] = value;
  }
  for (const [name, value] of credentialEnvVars(creds, options.region)) env[name] = value;
  env[NESTED_PROFILE_ENV] = options.profile;
  return env;
}
