import type { ConfigSection } from "./loadSharedConfig.js";

// botocore: AssumeRoleProvider._has_assume_role_config_vars; JS SDK: credential-provider-ini isAssumeRoleProfile
/**
 * A profile botocore's AssumeRoleProvider handles (tried before SSO in both SDKs' chains): role_arn is set, even to
 * "", and web_identity_token_file is not (that is AssumeRoleWithWebIdentity's).
 */
export function isAssumeRoleProfile(profile: ConfigSection | undefined): boolean {
  return profile !== undefined && Object.hasOwn(profile, "role_arn") && !Object.hasOwn(profile, "web_identity_token_file");
}

/** Static keys in a profile: botocore then takes a source_profile's credentials from them (or its SSO settings). */
export function hasStaticCredentials(profile: ConfigSection): boolean {
  return Object.hasOwn(profile, "aws_access_key_id") || Object.hasOwn(profile, "aws_secret_access_key");
}
